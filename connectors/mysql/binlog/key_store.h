#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace connectd::mysql {

// A key store that cannot be used. passwordProblem() is true when the file is fine but the
// password is wrong or missing, so callers can name the password setting instead of the file.
class KeyStoreException : public std::runtime_error {
 public:
  KeyStoreException(const std::string& message, bool password_problem)
      : std::runtime_error(message), password_problem_(password_problem) {}
  bool passwordProblem() const { return password_problem_; }

 private:
  bool password_problem_;
};

// The certificates and private key of a key store file, as PEM text for libmariadb (which reads
// OpenSSL files only). Debezium's database.ssl.truststore / database.ssl.keystore name Java key
// stores; this reads:
//  - PKCS#12, the format keytool writes since Java 9 and one Java's "JKS" loader accepts as
//    well. With a password the integrity check (MAC) must pass; without one, like Java, only the
//    unencrypted parts are read (enough for a truststore, whose certificates are usually not
//    encrypted). Legacy encryptions of older keytool versions (RC2, 3DES) are read too.
//  - PEM (certificates, and a private key that may be encrypted with the password), an
//    extension for stores made with openssl rather than keytool.
// Java's proprietary JKS and JCEKS formats are refused with a message saying how to convert
// them (keytool -importkeystore ... -deststoretype PKCS12).
class KeyStore {
 public:
  // Reads `path`. Throws KeyStoreException naming the file and what is wrong with it. An empty
  // password counts as none, as in Debezium.
  static KeyStore load(const std::string& path, const std::optional<std::string>& password);

  // Every certificate, PEM, in file order except that the private key's own certificate comes
  // first. Never empty: a store without certificates is refused by load().
  const std::vector<std::string>& certificates() const { return certificates_; }
  std::string certificatesPem() const;
  bool hasPrivateKey() const { return !private_key_pem_.empty(); }
  // The private key as unencrypted PKCS#8 PEM; empty when the store has none.
  const std::string& privateKeyPem() const { return private_key_pem_; }

 private:
  std::vector<std::string> certificates_;
  std::string private_key_pem_;
};

}  // namespace connectd::mysql
