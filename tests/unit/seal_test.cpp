#include <gtest/gtest.h>

#include <sodium.h>

#include <algorithm>

#include "store/seal.hpp"
#include "store/uuid.hpp"

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

TEST(Seal, TheEphemeralKeyChangesEveryThousandRecordsAndOldBoxesStillOpen) {
  KeyPair up = make_seal_keypair();
  Sealer s(to_base64(up.public_key));
  Bytes first = s.seal("record 1");
  Bytes same_key = s.seal("record 2");
  EXPECT_EQ(first[0], 2) << "format 2";
  EXPECT_TRUE(std::equal(first.begin() + 1, first.begin() + 33, same_key.begin() + 1));
  Bytes later;
  for (int i = 2; i <= Sealer::kRecordsPerEphemeralKey; ++i) later = s.seal("record");
  EXPECT_FALSE(std::equal(first.begin() + 1, first.begin() + 33, later.begin() + 1)) << "a new ephemeral key";
  EXPECT_EQ(open_sealed(later, up), "record");
  EXPECT_EQ(open_sealed(first, up), "record 1");
  // Format 1: crypto_box_seal of a compressed record, as the first kiosks wrote.
  Bytes plain = deflate_bytes("format one"), v1(plain.size() + crypto_box_SEALBYTES);
  crypto_box_seal(v1.data(), plain.data(), plain.size(), up.public_key.data());
  EXPECT_EQ(open_sealed(v1, up), "format one");
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
