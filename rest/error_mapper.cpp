#include "rest/error_mapper.h"

#include <nlohmann/json.hpp>

#include "server/api/errors.h"

namespace connectd::rest {

ErrorMapper::Mapped ErrorMapper::map(std::exception_ptr error) {
  if (!error) return {500, std::nullopt};
  try {
    std::rethrow_exception(error);
  } catch (const api::ConnectRestException& e) {
    return {static_cast<unsigned>(e.status()), std::string(e.what())};
  } catch (const api::NotFoundException& e) {
    return {404, std::string(e.what())};
  } catch (const api::AlreadyExistsException& e) {
    return {409, std::string(e.what())};
  } catch (const WebApplicationException& e) {
    return {static_cast<unsigned>(e.status()), std::string(e.what())};
  } catch (const NullMessageException&) {
    return {500, std::nullopt};
  } catch (const std::exception& e) {
    return {500, std::string(e.what())};
  } catch (...) {
    return {500, std::nullopt};
  }
}

std::string ErrorMapper::body(unsigned status, const std::optional<std::string>& message) {
  nlohmann::ordered_json j;
  j["error_code"] = status;
  j["message"] = message ? nlohmann::ordered_json(*message) : nlohmann::ordered_json(nullptr);
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string ErrorMapper::javaToString(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const WebApplicationException& e) {
    // Jersey's exceptions of this family print as javax.ws.rs.<Name>Exception.
    std::string cls = "javax.ws.rs.WebApplicationException";
    switch (e.status()) {
      case 400: cls = "javax.ws.rs.BadRequestException"; break;
      case 404: cls = "javax.ws.rs.NotFoundException"; break;
      case 405: cls = "javax.ws.rs.NotAllowedException"; break;
      case 415: cls = "javax.ws.rs.NotSupportedException"; break;
      default: break;
    }
    return cls + ": " + e.what();
  } catch (const NullMessageException&) {
    return "java.lang.NullPointerException";
  } catch (const std::exception& e) {
    return std::string(api::javaClassOf(e)) + ": " + e.what();
  } catch (...) {
    return "java.lang.RuntimeException";
  }
}

}  // namespace connectd::rest
