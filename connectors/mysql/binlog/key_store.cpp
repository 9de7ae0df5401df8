#include "connectors/mysql/binlog/key_store.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

namespace connectd::mysql {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;

void freeCertificates(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
void freeSafes(STACK_OF(PKCS7) * s) { sk_PKCS7_pop_free(s, PKCS7_free); }
void freeBags(STACK_OF(PKCS12_SAFEBAG) * s) { sk_PKCS12_SAFEBAG_pop_free(s, PKCS12_SAFEBAG_free); }
using CertificatesPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), freeCertificates>>;
using SafesPtr = std::unique_ptr<STACK_OF(PKCS7), Deleter<STACK_OF(PKCS7), freeSafes>>;
using BagsPtr = std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), Deleter<STACK_OF(PKCS12_SAFEBAG), freeBags>>;

// The reason of the oldest queued OpenSSL error (the root cause); the queue is emptied.
std::string opensslError() {
  unsigned long code = ERR_get_error();
  std::string reason;
  if (code != 0) {
    const char* r = ERR_reason_error_string(code);
    reason = r ? r : "error " + std::to_string(code);
  }
  ERR_clear_error();
  return reason.empty() ? "unknown error" : reason;
}

// Key stores written by older keytool versions protect their contents with RC2 or 3DES, which
// OpenSSL 3 keeps in its "legacy" provider. They are parsed under a library context of their
// own with that provider loaded, so the process-wide default (libmariadb, librdkafka) keeps
// OpenSSL's defaults.
OSSL_LIB_CTX* keyStoreContext() {
  static OSSL_LIB_CTX* const ctx = [] {
    OSSL_LIB_CTX* c = OSSL_LIB_CTX_new();
    if (c == nullptr) return c;
    if (OSSL_PROVIDER_load(c, "default") == nullptr) {
      OSSL_LIB_CTX_free(c);
      ERR_clear_error();
      return static_cast<OSSL_LIB_CTX*>(nullptr);
    }
    OSSL_PROVIDER_load(c, "legacy");  // absent: only legacy-protected stores fail
    ERR_clear_error();
    return c;
  }();
  return ctx;
}

// Makes keyStoreContext() the calling thread's default library context while it lives.
class ScopedLibraryContext {
 public:
  ScopedLibraryContext() {
    if (OSSL_LIB_CTX* ctx = keyStoreContext()) previous_ = OSSL_LIB_CTX_set0_default(ctx);
  }
  ~ScopedLibraryContext() {
    if (previous_ != nullptr) OSSL_LIB_CTX_set0_default(previous_);
  }
  ScopedLibraryContext(const ScopedLibraryContext&) = delete;
  ScopedLibraryContext& operator=(const ScopedLibraryContext&) = delete;

 private:
  OSSL_LIB_CTX* previous_ = nullptr;
};

std::string bioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

std::string certificatePem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
    throw KeyStoreException("cannot encode a certificate as PEM: " + opensslError(), false);
  return bioText(bio.get());
}

std::string keyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw KeyStoreException("cannot encode the private key as PEM: " + opensslError(), false);
  return bioText(bio.get());
}

// Supplies the store password to PEM decryption; without one it declines instead of letting
// OpenSSL prompt on a terminal.
int pemPassword(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::string*>(user);
  if (password == nullptr || password->empty() || static_cast<int>(password->size()) > size) return 0;
  std::memcpy(buf, password->data(), password->size());
  return static_cast<int>(password->size());
}

std::string describe(const std::string& path) { return "'" + path + "'"; }

std::string convertHint(const std::string& path, const char* type) {
  return "convert it with: keytool -importkeystore -srckeystore " + path + " -srcstoretype " + type +
         " -destkeystore " + path + ".p12 -deststoretype PKCS12";
}

struct Contents {
  std::vector<X509Ptr> certificates;
  KeyPtr key;
};

// Java loads a PKCS#12 store without a password by skipping its integrity check and reading
// what is not encrypted; certificates of truststores usually are not.
void readUnencryptedCertificates(PKCS12* p12, Contents& out) {
  SafesPtr safes(PKCS12_unpack_authsafes(p12));
  if (!safes) return;
  for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
    PKCS7* safe = sk_PKCS7_value(safes.get(), i);
    if (!PKCS7_type_is_data(safe)) continue;
    BagsPtr bags(PKCS12_unpack_p7data(safe));
    if (!bags) continue;
    for (int j = 0; j < sk_PKCS12_SAFEBAG_num(bags.get()); ++j) {
      const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags.get(), j);
      if (PKCS12_SAFEBAG_get_nid(bag) != NID_certBag ||
          PKCS12_SAFEBAG_get_bag_nid(bag) != NID_x509Certificate)
        continue;
      if (X509* cert = PKCS12_SAFEBAG_get1_cert(bag)) out.certificates.emplace_back(cert);
    }
  }
  ERR_clear_error();
}

Contents readPkcs12(const std::string& data, const std::string& path, const std::optional<std::string>& password) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(data.size())));
  if (!p12)
    throw KeyStoreException(describe(path) + " is not a PKCS12 or PEM key store (" + opensslError() + ")", false);

  Contents out;
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* others = nullptr;
  if (password) {
    if (PKCS12_mac_present(p12.get()) && PKCS12_verify_mac(p12.get(), password->c_str(), -1) != 1) {
      ERR_clear_error();
      throw KeyStoreException("the password of " + describe(path) + " is wrong (PKCS12 integrity check failed)",
                              true);
    }
    if (PKCS12_parse(p12.get(), password->c_str(), &key, &cert, &others) != 1)
      throw KeyStoreException("cannot read " + describe(path) + ": " + opensslError(), false);
  } else if (PKCS12_parse(p12.get(), nullptr, &key, &cert, &others) != 1) {
    ERR_clear_error();
    readUnencryptedCertificates(p12.get(), out);
    if (out.certificates.empty())
      throw KeyStoreException(describe(path) + " is password protected; its password is needed to read it", true);
    return out;
  }
  out.key.reset(key);
  CertificatesPtr rest(others);
  if (cert != nullptr) out.certificates.emplace_back(cert);
  while (rest && sk_X509_num(rest.get()) > 0) out.certificates.emplace_back(sk_X509_shift(rest.get()));
  return out;
}

Contents readPem(const std::string& data, const std::string& path, const std::optional<std::string>& password) {
  Contents out;
  BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (!bio) throw KeyStoreException("out of memory reading " + describe(path), false);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, pemPassword, nullptr))
    out.certificates.emplace_back(cert);
  ERR_clear_error();  // the end of the certificates
  if (data.find("PRIVATE KEY-----") == std::string::npos) return out;

  BIO_reset(bio.get());
  std::string pass = password.value_or("");
  out.key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, pemPassword, &pass));
  if (!out.key) {
    const bool encrypted = data.find("ENCRYPTED") != std::string::npos;
    std::string cause = opensslError();
    if (encrypted)
      throw KeyStoreException("cannot decrypt the private key in " + describe(path) + " (" +
                                  (pass.empty() ? "no password given" : "wrong password: " + cause) + ")",
                              true);
    throw KeyStoreException("cannot read the private key in " + describe(path) + ": " + cause, false);
  }
  return out;
}

}  // namespace

KeyStore KeyStore::load(const std::string& path, const std::optional<std::string>& password_in) {
  std::optional<std::string> password = password_in;
  if (password && password->empty()) password.reset();

  std::ifstream in(path, std::ios::binary);
  if (!in) throw KeyStoreException("cannot open " + describe(path) + ": " + std::strerror(errno), false);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw KeyStoreException("cannot read " + describe(path) + ": " + std::strerror(errno), false);
  if (data.empty()) throw KeyStoreException(describe(path) + " is empty", false);

  const auto magic = [&](unsigned char a, unsigned char b, unsigned char c, unsigned char d) {
    return data.size() >= 4 && static_cast<unsigned char>(data[0]) == a && static_cast<unsigned char>(data[1]) == b &&
           static_cast<unsigned char>(data[2]) == c && static_cast<unsigned char>(data[3]) == d;
  };
  if (magic(0xFE, 0xED, 0xFE, 0xED))
    throw KeyStoreException(describe(path) +
                                " is a Java KeyStore (JKS) file, a Java-only format connectd cannot read; " +
                                convertHint(path, "JKS"),
                            false);
  if (magic(0xCE, 0xCE, 0xCE, 0xCE))
    throw KeyStoreException(describe(path) +
                                " is a Java JCEKS key store, a Java-only format connectd cannot read; " +
                                convertHint(path, "JCEKS"),
                            false);

  ScopedLibraryContext library_context;
  ERR_clear_error();
  const bool pem = static_cast<unsigned char>(data[0]) != 0x30 && data.find("-----BEGIN ") != std::string::npos;
  Contents contents = pem ? readPem(data, path, password) : readPkcs12(data, path, password);
  if (contents.certificates.empty())
    throw KeyStoreException(describe(path) + " contains no certificate", false);

  if (contents.key) {
    // The key's own certificate leads the chain libmariadb presents to the server.
    auto own = std::find_if(contents.certificates.begin(), contents.certificates.end(),
                            [&](const X509Ptr& c) { return X509_check_private_key(c.get(), contents.key.get()) == 1; });
    ERR_clear_error();
    if (own == contents.certificates.end())
      throw KeyStoreException(describe(path) + " has a private key but no certificate for it", false);
    std::rotate(contents.certificates.begin(), own, own + 1);
  }

  KeyStore store;
  for (const auto& cert : contents.certificates) store.certificates_.push_back(certificatePem(cert.get()));
  if (contents.key) store.private_key_pem_ = keyPem(contents.key.get());
  return store;
}

std::string KeyStore::certificatesPem() const {
  std::string out;
  for (const auto& c : certificates_) out += c;
  return out;
}

}  // namespace connectd::mysql
