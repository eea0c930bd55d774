// The spec's fields, each declared once. visit_spec() names every field of a Spec with its range
// or choices, label, help line and policy (may it change mid-run? do the A/B runs of a lesson
// share it?); what happens to the field depends on the visitor walking it:
//   SpecReader    reads and validates a JSON spec (errors name the field path)  → parse_spec
//   SpecWriter    writes the canonical JSON (every field, defaults filled)     → spec_to_json
//   SpecDescriber lists the fields with their metadata                       → describe_spec
//   PolicyLister  lists every path with its mid-run / shared flags           → Experiment::update
// So the parser, the canonical form, the documentation, the UI tables generated from describe()
// (tools/spec-gen.mjs) and the mid-run rule cannot disagree: there is nothing to keep in step.
//
// The visitor is a small virtual interface rather than a template: the declarations are compiled
// once (cpp/src/spec/fields.cpp, -Oz in wasm), not once per visitor.
#pragma once
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "reglab/json.h"
#include "reglab/spec.h"

namespace reglab {

struct Range {
  double min = -INFINITY, max = INFINITY;
  bool min_open = false, max_open = false;
  std::string describe() const;
  // The bound a value breaks, e.g. "> 0" for lr = −1 even when lr also has an upper bound.
  std::string describe_violation(double v) const;
  bool contains(double v) const;
};

inline Range closed(double a, double b) { return {a, b, false, false}; }
inline Range half_open(double a, double b) { return {a, b, false, true}; }
inline Range positive(double b = INFINITY) { return {0, b, true, false}; }
inline Range any_number() { return {}; }

// A field's policy, or-ed together.
enum FieldFlags : unsigned {
  kMidRun = 1,    // run.update() may change it between epochs (the run goes on, the chart marks it)
  kShared = 2,    // the A/B runs of a lesson share it: same data, same initial weights, same budget
  kLogScale = 4,  // the UI moves it on a log scale (0 = off sits at the left end)
  kDataPanel = 8, // a control of the lab's data panel (with the shared fields every run uses)
};

// A slider range narrower than the engine's limits, for fields whose limits are far wider than a
// lesson needs (the number box still takes anything the engine allows). NaN = the engine's range.
struct UiRange {
  double min = NAN, max = NAN;
};

struct Meta {
  const char* label;
  const char* help;
  unsigned flags = 0;
  UiRange ui = {};
};

// The allowed strings of a choice field, from a static array.
struct Choices {
  const char* const* items;
  size_t size;
  template <size_t N>
  Choices(const char* const (&a)[N]) : items(a), size(N) {}  // NOLINT: implicit from an array
  const char* const* begin() const { return items; }
  const char* const* end() const { return items + size; }
};

class SpecVisitor {
 public:
  virtual ~SpecVisitor() = default;
  // True when reading a spec: cross-field rules run then (see visit_spec).
  virtual bool reading() const { return false; }
  // Reading: whether the spec gives a value (not null) at `path`, e.g. "data.valX" (an empty
  // list is given, an absent one is not).
  virtual bool given(const std::string& /*path*/) const { return false; }

  virtual void number(const char* key, double& v, const Range& r, const Meta& m) = 0;
  virtual void integer(const char* key, int& v, const Range& r, const Meta& m) = 0;
  virtual void boolean(const char* key, bool& v, const Meta& m) = 0;
  virtual void choice(const char* key, std::string& v, Choices c, const Meta& m) = 0;
  // Written only when not empty.
  virtual void string(const char* key, std::string& v, size_t max_len, const Meta& m) = 0;
  // An optional block: absent, null or false = off; true = on with defaults; an object = on. The
  // block's own fields follow between enter(key) and leave(), whether it is on or not.
  virtual void toggle(const char* key, bool& on, const Meta& m) = 0;
  virtual void enter(const char* key, const char* group) = 0;
  virtual void leave() = 0;

  // The few fields that are not one scalar.
  virtual void widths(const char* key, std::vector<int>& v, const Range& r, const Meta& m) = 0;        // model.hidden
  virtual void rates(const char* key, std::vector<double>& v, size_t layers, const Range& r, const Meta& m) = 0;  // model.dropout
  // Rows of numbers, all `width` wide (0 = as wide as the first row); `like` names what sets the
  // width in the error ("row 0").
  virtual void rows(const char* key, std::vector<std::vector<double>>& v, size_t width, const char* like, const Meta& m) = 0;  // data.x
  virtual void values(const char* key, std::vector<double>& v, const Meta& m) = 0;                   // data.y
  virtual void penalties(const char* key, std::vector<LayerPenalty>& v, const Meta& m) = 0;          // regularization.layers
  virtual void blocks(const char* key, std::vector<ConvBlockSpec>& v, const Meta& m) = 0;            // model.conv
  // Exactly `n` integers in `r`, or absent/empty (= not given).
  virtual void shape(const char* key, std::vector<int>& v, size_t n, const Range& r, const Meta& m) = 0;  // data.imageShape
};

// Walks every field of `s` in the order of the canonical JSON.
void visit_spec(SpecVisitor& v, Spec& s);

// Rules on more than one field, run by the reader (spec.cpp) where visit_spec calls them, so an
// error is reported at the same point of the spec as a field's own error would be.
void check_version(int version);
void check_data(const DataSpec& d, const SpecVisitor& reader);

// The techniques of the course module and the spec fields that switch each on (UI, docs, tests).
Json describe_techniques();

}  // namespace reglab
