#include <gtest/gtest.h>

#include "seal.hpp"
#include "uuid.hpp"

using namespace shubbak::store;

TEST(Seal, OnlyTheUpstreamKeyOpensIt) {
  KeyPair up = make_seal_keypair(), other = make_seal_keypair();
  Sealer s(to_base64(up.public_key));
  std::string json = R"({"name":"Canary","phone":"0611223344"})";
  Bytes box = s.seal(json);
  EXPECT_EQ(open_sealed(box, up), json);
  EXPECT_FALSE(open_sealed(box, other));
  box[box.size() / 2] ^= 1;
  EXPECT_FALSE(open_sealed(box, up)) << "a tampered box must not open";
}

TEST(Seal, SameRecordSealsDifferentlyEachTime) {
  KeyPair up = make_seal_keypair();
  Sealer s(to_base64(up.public_key));
  EXPECT_NE(s.seal("x"), s.seal("x"));
}

TEST(Seal, RejectsBadKeys) {
  EXPECT_THROW(Sealer("!!!"), std::invalid_argument);
  EXPECT_THROW(Sealer(to_base64(Bytes(31, 1))), std::invalid_argument);
}

TEST(Uuid, Version4AndUnique) {
  std::string a = new_uuid_v4(), b = new_uuid_v4();
  EXPECT_TRUE(is_uuid_v4(a));
  EXPECT_NE(a, b);
  EXPECT_FALSE(is_uuid_v4("not-a-uuid"));
}
