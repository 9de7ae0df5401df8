#include "connectors/mysql/binlog/key_store.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace connectd::mysql {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(CONNECTD_SOURCE_DIR) / "tests/unit/connectors/mysql/tls/fixtures";

// Subject CN of a PEM certificate.
std::string commonName(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  if (!cert) return "<unreadable>";
  char cn[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
  return cn;
}

bool keyMatches(const std::string& key_pem, const std::string& cert_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> kb(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())),
                                               BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> cb(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())),
                                               BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr),
                                                          EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr), X509_free);
  return key && cert && X509_check_private_key(cert.get(), key.get()) == 1;
}

// Certificates and keys made in the test, for the cases keytool cannot produce.
struct Identity {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, EVP_PKEY_free};
  std::unique_ptr<X509, decltype(&X509_free)> cert{nullptr, X509_free};
};

Identity makeIdentity(const std::string& cn, const Identity* issuer = nullptr) {
  Identity id;
  id.key.reset(EVP_EC_gen("P-256"));
  id.cert.reset(X509_new());
  X509* c = id.cert.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), 1);
  X509_gmtime_adj(X509_getm_notBefore(c), 0);
  X509_gmtime_adj(X509_getm_notAfter(c), 3600);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(c), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer->cert.get()) : X509_get_subject_name(c));
  X509_set_pubkey(c, id.key.get());
  X509_sign(c, issuer ? issuer->key.get() : id.key.get(), EVP_sha256());
  return id;
}

std::string pem(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string pem(EVP_PKEY* key, const char* password = nullptr) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (password)
    PEM_write_bio_PKCS8PrivateKey(bio.get(), key, EVP_aes_256_cbc(), password, static_cast<int>(strlen(password)),
                                  nullptr, nullptr);
  else
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

class KeyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("connectd-key-store-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  // A PKCS#12 store; nid_cert -1 leaves the certificates unencrypted.
  std::string writePkcs12(const std::string& name, const char* password, EVP_PKEY* key, X509* cert,
                          std::vector<X509*> others, int nid_cert = 0) {
    STACK_OF(X509)* ca = sk_X509_new_null();
    for (X509* o : others) sk_X509_push(ca, o);
    PKCS12* p12 = PKCS12_create(password, "entry", key, cert, ca, 0, nid_cert, 0, 0, 0);
    sk_X509_free(ca);
    EXPECT_NE(p12, nullptr);
    unsigned char* der = nullptr;
    int n = i2d_PKCS12(p12, &der);
    std::string bytes(reinterpret_cast<char*>(der), static_cast<size_t>(n));
    OPENSSL_free(der);
    PKCS12_free(p12);
    return write(name, bytes);
  }

  fs::path dir_;
};

TEST_F(KeyStoreTest, ReadsAKeytoolPkcs12Truststore) {
  KeyStore store = KeyStore::load((kFixtures / "truststore.p12").string(), "changeit");
  ASSERT_EQ(store.certificates().size(), 1u);
  EXPECT_EQ(commonName(store.certificates()[0]), "connectd fixture client");
  EXPECT_FALSE(store.hasPrivateKey());
  EXPECT_EQ(store.certificatesPem(), store.certificates()[0]);
}

TEST_F(KeyStoreTest, ReadsAKeytoolPkcs12KeystoreWithItsKey) {
  KeyStore store = KeyStore::load((kFixtures / "keystore.p12").string(), "changeit");
  ASSERT_EQ(store.certificates().size(), 1u);
  EXPECT_EQ(commonName(store.certificates()[0]), "connectd fixture client");
  ASSERT_TRUE(store.hasPrivateKey());
  EXPECT_NE(store.privateKeyPem().find("-----BEGIN PRIVATE KEY-----"), std::string::npos) << "unencrypted PKCS#8";
  EXPECT_TRUE(keyMatches(store.privateKeyPem(), store.certificates()[0]));
}

TEST_F(KeyStoreTest, ReadsLegacyRc2And3DesProtectedStores) {
  KeyStore store = KeyStore::load((kFixtures / "keystore-legacy.p12").string(), "changeit");
  ASSERT_EQ(store.certificates().size(), 1u);
  EXPECT_EQ(commonName(store.certificates()[0]), "connectd fixture legacy");
  EXPECT_TRUE(keyMatches(store.privateKeyPem(), store.certificates()[0]));
}

TEST_F(KeyStoreTest, WrongPasswordIsAPasswordProblem) {
  try {
    KeyStore::load((kFixtures / "truststore.p12").string(), "not-the-password");
    FAIL() << "loaded with a wrong password";
  } catch (const KeyStoreException& e) {
    EXPECT_TRUE(e.passwordProblem());
    EXPECT_NE(std::string(e.what()).find("password"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("not-the-password"), std::string::npos) << "never echoes the password";
  }
}

TEST_F(KeyStoreTest, EncryptedCertificatesNeedThePassword) {
  try {
    KeyStore::load((kFixtures / "truststore.p12").string(), std::nullopt);
    FAIL() << "read AES-encrypted certificates without a password";
  } catch (const KeyStoreException& e) {
    EXPECT_TRUE(e.passwordProblem()) << e.what();
  }
}

TEST_F(KeyStoreTest, WithoutPasswordReadsUnencryptedCertificatesLikeJava) {
  Identity ca = makeIdentity("plain ca");
  // MAC'ed with a password, certificates not encrypted: Java reads them without the password.
  std::string path = writePkcs12("plain.p12", "secret", nullptr, nullptr, {ca.cert.get()}, -1);
  KeyStore store = KeyStore::load(path, std::nullopt);
  ASSERT_EQ(store.certificates().size(), 1u);
  EXPECT_EQ(commonName(store.certificates()[0]), "plain ca");
  EXPECT_EQ(KeyStore::load(path, "").certificates().size(), 1u) << "an empty password counts as none";
}

TEST_F(KeyStoreTest, PutsTheKeysCertificateFirst) {
  Identity ca = makeIdentity("issuing ca");
  Identity leaf = makeIdentity("the client", &ca);
  std::string path = write("chain.pem", pem(ca.cert.get()) + pem(leaf.cert.get()) + pem(leaf.key.get()));
  KeyStore store = KeyStore::load(path, std::nullopt);
  ASSERT_EQ(store.certificates().size(), 2u);
  EXPECT_EQ(commonName(store.certificates()[0]), "the client");
  EXPECT_EQ(commonName(store.certificates()[1]), "issuing ca");
  EXPECT_TRUE(keyMatches(store.privateKeyPem(), store.certificates()[0]));

  std::string p12 = writePkcs12("chain.p12", "pw", leaf.key.get(), leaf.cert.get(), {ca.cert.get()});
  KeyStore from_p12 = KeyStore::load(p12, "pw");
  ASSERT_EQ(from_p12.certificates().size(), 2u);
  EXPECT_EQ(commonName(from_p12.certificates()[0]), "the client");
}

TEST_F(KeyStoreTest, ReadsPemWithAnEncryptedKey) {
  Identity id = makeIdentity("pem client");
  std::string path = write("client.pem", pem(id.cert.get()) + pem(id.key.get(), "pem-pw"));
  KeyStore store = KeyStore::load(path, "pem-pw");
  EXPECT_TRUE(keyMatches(store.privateKeyPem(), store.certificates()[0]));
  try {
    KeyStore::load(path, std::nullopt);
    FAIL() << "decrypted a key without its password";
  } catch (const KeyStoreException& e) {
    EXPECT_TRUE(e.passwordProblem());
    EXPECT_NE(std::string(e.what()).find("no password given"), std::string::npos) << e.what();
  }
}

TEST_F(KeyStoreTest, RefusesJksWithHowToConvert) {
  const std::string path = (kFixtures / "truststore.jks").string();
  try {
    KeyStore::load(path, "changeit");
    FAIL() << "JKS accepted";
  } catch (const KeyStoreException& e) {
    const std::string m = e.what();
    EXPECT_FALSE(e.passwordProblem());
    EXPECT_NE(m.find("Java KeyStore (JKS)"), std::string::npos) << m;
    EXPECT_NE(m.find("keytool -importkeystore -srckeystore " + path + " -srcstoretype JKS"), std::string::npos) << m;
    EXPECT_NE(m.find("-deststoretype PKCS12"), std::string::npos) << m;
  }
}

TEST_F(KeyStoreTest, RefusesJceksAndUnknownContent) {
  std::string jceks = write("store.jceks", std::string("\xCE\xCE\xCE\xCE\x00\x00\x00\x02", 8));
  EXPECT_THROW(
      {
        try {
          KeyStore::load(jceks, "pw");
        } catch (const KeyStoreException& e) {
          EXPECT_NE(std::string(e.what()).find("JCEKS"), std::string::npos) << e.what();
          throw;
        }
      },
      KeyStoreException);
  std::string junk = write("junk.bin", "this is not a key store");
  try {
    KeyStore::load(junk, "pw");
    FAIL();
  } catch (const KeyStoreException& e) {
    EXPECT_NE(std::string(e.what()).find("is not a PKCS12 or PEM key store"), std::string::npos) << e.what();
  }
}

TEST_F(KeyStoreTest, MissingOrEmptyFilesNameTheFile) {
  const std::string missing = (dir_ / "nope.p12").string();
  try {
    KeyStore::load(missing, "pw");
    FAIL();
  } catch (const KeyStoreException& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open '" + missing + "'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos) << e.what();
  }
  std::string empty = write("empty.p12", "");
  EXPECT_THROW(KeyStore::load(empty, "pw"), KeyStoreException);
}

TEST_F(KeyStoreTest, AKeyWithoutItsCertificateIsRefused) {
  Identity a = makeIdentity("a");
  Identity b = makeIdentity("b");
  std::string path = write("mismatch.pem", pem(a.cert.get()) + pem(b.key.get()));
  try {
    KeyStore::load(path, std::nullopt);
    FAIL();
  } catch (const KeyStoreException& e) {
    EXPECT_NE(std::string(e.what()).find("no certificate for it"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace connectd::mysql
