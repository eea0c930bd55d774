// A small JSON value: enough for experiment specs, records and the PyTorch fixtures, and small
// enough to keep the wasm module lean. Objects keep their key order. Numbers are doubles.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  Json(int v) : type_(Type::Number), number_(v) {}
  Json(long v) : type_(Type::Number), number_(static_cast<double>(v)) {}
  Json(long long v) : type_(Type::Number), number_(static_cast<double>(v)) {}
  Json(unsigned v) : type_(Type::Number), number_(v) {}
  Json(unsigned long v) : type_(Type::Number), number_(static_cast<double>(v)) {}
  Json(float v) : type_(Type::Number), number_(v) {}
  Json(double v) : type_(Type::Number), number_(v) {}
  Json(const char* s) : type_(Type::String), string_(s) {}
  Json(std::string s) : type_(Type::String), string_(std::move(s)) {}
  Json(Array a) : type_(Type::Array), array_(std::make_shared<Array>(std::move(a))) {}
  Json(Object o) : type_(Type::Object), object_(std::make_shared<Object>(std::move(o))) {}
  static Json array() { return Json(Array{}); }
  static Json object() { return Json(Object{}); }

  // Parses text; throws reglab::Error (path "", message with line and column) on bad syntax.
  static Json parse(const std::string& text);
  // Compact serialization; non-finite numbers become null.
  std::string dump() const;

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  const char* type_name() const;

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const Array& as_array() const { return *array_; }
  Array& as_array() { return mutable_array(); }
  const Object& as_object() const { return *object_; }
  Object& as_object() { return mutable_object(); }

  size_t size() const;
  const Json& operator[](size_t i) const { return (*array_)[i]; }
  // Object lookup; returns a null Json when the key is absent (or this is not an object).
  const Json& operator[](const std::string& key) const;
  const Json* find(const std::string& key) const;
  bool contains(const std::string& key) const { return find(key) != nullptr; }
  // Sets (or replaces) a key, keeping insertion order.
  Json& set(const std::string& key, Json value);
  void push_back(Json value) { mutable_array().push_back(std::move(value)); }

 private:
  Array& mutable_array();
  Object& mutable_object();
  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::shared_ptr<Array> array_;    // copy-on-write
  std::shared_ptr<Object> object_;
};

}  // namespace reglab
