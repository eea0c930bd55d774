# The engine's edge (issue 14): public headers (cpp/include/reglab/) and the Embind bindings
# (cpp/bindings/) include nothing from the private sources (cpp/src/). A quoted include must be a
# public header "reglab/…" or, in the bindings, a header beside them; anything else (a path that
# cpp/src resolves, "../src/…") is reported with its file and line.
#   cmake -DINCLUDE_DIR=<cpp/include> -DBINDINGS_DIR=<cpp/bindings> -P check_includes.cmake
foreach(var INCLUDE_DIR BINDINGS_DIR)
  if(NOT IS_DIRECTORY "${${var}}")
    message(FATAL_ERROR "${var}: not a directory: '${${var}}'")
  endif()
endforeach()

file(GLOB_RECURSE public_headers "${INCLUDE_DIR}/*.h")
file(GLOB binding_files "${BINDINGS_DIR}/*.cpp" "${BINDINGS_DIR}/*.h")
if(NOT public_headers OR NOT binding_files)
  message(FATAL_ERROR "no public headers or no binding files found: nothing would be checked")
endif()

set(violations "")
foreach(file IN LISTS public_headers binding_files)
  file(STRINGS "${file}" lines)
  set(line_number 0)
  foreach(line IN LISTS lines)
    math(EXPR line_number "${line_number} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(included "${CMAKE_MATCH_1}")
      get_filename_component(dir "${file}" DIRECTORY)
      if(included MATCHES "^reglab/[^./][^/]*\\.h$" AND EXISTS "${INCLUDE_DIR}/${included}")
        continue()  # a public header
      endif()
      if(dir STREQUAL BINDINGS_DIR AND NOT included MATCHES "/" AND EXISTS "${dir}/${included}")
        continue()  # a header of the bindings themselves
      endif()
      string(APPEND violations "\n  ${file}:${line_number}: #include \"${included}\" is not a public reglab/ header")
    endif()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "private headers included at the engine's edge:${violations}")
endif()
list(LENGTH public_headers n_headers)
list(LENGTH binding_files n_bindings)
message(STATUS "include check: ${n_headers} public headers and ${n_bindings} binding files include only public headers")
