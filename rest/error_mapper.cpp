#include "rest/error_mapper.h"

#include <nlohmann/json.hpp>

#include "rest/rest_client.h"
#include "server/api/errors.h"

namespace connectd::rest {

ErrorMapper::Mapped ErrorMapper::map(std::exception_ptr error) {
  auto mapped = [](unsigned status, std::optional<std::string> message) {
    return Mapped{status, std::move(message), static_cast<int>(status)};
  };
  if (!error) return mapped(500, std::nullopt);
  try {
    std::rethrow_exception(error);
  } catch (const RemoteRestException& e) {
    return Mapped{static_cast<unsigned>(e.status()), e.message(), e.errorCode()};
  } catch (const api::ConnectRestException& e) {
    return mapped(static_cast<unsigned>(e.status()), std::string(e.what()));
  } catch (const api::NotFoundException& e) {
    return mapped(404, std::string(e.what()));
  } catch (const api::AlreadyExistsException& e) {
    return mapped(409, std::string(e.what()));
  } catch (const WebApplicationException& e) {
    return mapped(static_cast<unsigned>(e.status()), std::string(e.what()));
  } catch (const NullMessageException&) {
    return mapped(500, std::nullopt);
  } catch (const std::exception& e) {
    return mapped(500, std::string(e.what()));
  } catch (...) {
    return mapped(500, std::nullopt);
  }
}

std::string ErrorMapper::body(int error_code, const std::optional<std::string>& message) {
  nlohmann::ordered_json j;
  j["error_code"] = error_code;
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
