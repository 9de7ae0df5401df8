#include "rest/error_mapper.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"

namespace connectd::rest {
namespace {

template <typename E>
ErrorMapper::Mapped mapped(E e) {
  return ErrorMapper::map(std::make_exception_ptr(std::move(e)));
}

TEST(ErrorMapperTest, ConnectRestExceptionKeepsItsStatus) {
  auto m = mapped(api::ConnectRestException(403, "Topic tracking is disabled."));
  EXPECT_EQ(m.status, 403u);
  EXPECT_EQ(m.message, "Topic tracking is disabled.");
}

TEST(ErrorMapperTest, BadRequestIs400) {
  auto m = mapped(api::BadRequestException("bad"));
  EXPECT_EQ(m.status, 400u);
  EXPECT_EQ(m.message, "bad");
}

TEST(ErrorMapperTest, NotFoundIs404AndAlreadyExistsIs409) {
  EXPECT_EQ(mapped(api::NotFoundException("Connector x not found")).status, 404u);
  EXPECT_EQ(mapped(api::AlreadyExistsException("Connector x already exists")).status, 409u);
}

TEST(ErrorMapperTest, JerseyErrorsKeepTheirStatusAndText) {
  auto m = mapped(WebApplicationException::methodNotAllowed());
  EXPECT_EQ(m.status, 405u);
  EXPECT_EQ(m.message, "HTTP 405 Method Not Allowed");
  EXPECT_EQ(mapped(WebApplicationException::unsupportedMediaType()).status, 415u);
}

TEST(ErrorMapperTest, EverythingElseIs500WithItsMessage) {
  auto m = mapped(api::ConnectException("Failed to find any class"));
  EXPECT_EQ(m.status, 500u);
  EXPECT_EQ(m.message, "Failed to find any class");
  EXPECT_EQ(mapped(api::ConfigException("k", "v", "bad")).status, 500u);
  EXPECT_EQ(mapped(std::runtime_error("oops")).status, 500u);
  EXPECT_EQ(mapped(42).status, 500u);
  EXPECT_EQ(mapped(42).message, std::nullopt);
  EXPECT_EQ(mapped(NullMessageException()).message, std::nullopt);
}

TEST(ErrorMapperTest, BodyIsConnectsErrorMessageShape) {
  EXPECT_EQ(ErrorMapper::body(404, std::string("Connector foo not found")),
            R"({"error_code":404,"message":"Connector foo not found"})");
  EXPECT_EQ(ErrorMapper::body(500, std::nullopt), R"({"error_code":500,"message":null})");
}

TEST(ErrorMapperTest, JavaToStringNamesTheJavaClass) {
  EXPECT_EQ(ErrorMapper::javaToString(std::make_exception_ptr(api::BadRequestException("x"))),
            "org.apache.kafka.connect.runtime.rest.errors.BadRequestException: x");
  EXPECT_EQ(ErrorMapper::javaToString(std::make_exception_ptr(api::ConnectException("y"))),
            "org.apache.kafka.connect.errors.ConnectException: y");
  EXPECT_EQ(ErrorMapper::javaToString(std::make_exception_ptr(std::invalid_argument("z"))),
            "java.lang.IllegalArgumentException: z");
}

}  // namespace
}  // namespace connectd::rest
