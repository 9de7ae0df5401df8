#include "server/api/errors.h"

#include <new>
#include <typeinfo>

namespace connectd::api {

std::string_view javaClassOf(const std::exception& e) {
  if (auto* c = dynamic_cast<const ConnectException*>(&e)) return c->javaClass();
  if (dynamic_cast<const std::bad_alloc*>(&e)) return "java.lang.OutOfMemoryError";
  if (dynamic_cast<const std::invalid_argument*>(&e)) return "java.lang.IllegalArgumentException";
  if (dynamic_cast<const std::out_of_range*>(&e)) return "java.lang.IndexOutOfBoundsException";
  return "java.lang.RuntimeException";
}

std::string traceOf(const std::exception& e, std::string_view where) {
  std::string trace(javaClassOf(e));
  trace += ": ";
  trace += e.what();
  trace += "\n";
  if (!where.empty()) {
    trace += "\tat ";
    trace += where;
    trace += "\n";
  }
  return trace;
}

}  // namespace connectd::api
