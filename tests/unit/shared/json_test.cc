#include "immagin/json.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(Json, ParsesObjects) {
  auto r = ParseJson(R"({"a": [1, 2.5, "x"], "b": {"c": null}})", "payload");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["a"].size(), 3u);
}

TEST(Json, RejectsSyntaxErrors) {
  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "{'a':1}", "nul", "{\"a\":1} x"}) {
    auto r = ParseJson(text, "payload");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().ToString(), "payload: invalid JSON");
  }
}

TEST(Json, RejectsDuplicateKeysAtAnyDepth) {
  EXPECT_EQ(ParseJson(R"({"a":1,"a":2})", "payload").error().ToString(),
            "payload: invalid JSON: duplicate key \"a\"");
  EXPECT_FALSE(ParseJson(R"({"e":[{"resize":{"width":1,"width":2}}]})", "payload").ok());
  // The same key in sibling objects is fine.
  EXPECT_TRUE(ParseJson(R"([{"a":1},{"a":2}])", "payload").ok());
}

TEST(Json, RejectsDeepNesting) {
  const std::string deep = std::string(20, '[') + std::string(20, ']');
  EXPECT_NE(ParseJson(deep, "payload").error().message.find("nested deeper than 8"),
            std::string::npos);
  EXPECT_TRUE(ParseJson("[[[[1]]]]", "payload").ok());
}

TEST(Json, RejectsInvalidUtf8InStrings) {
  EXPECT_FALSE(ParseJson("{\"a\":\"\xff\"}", "payload").ok());
}

TEST(Json, DumpsSortedAndCompact) {
  EXPECT_EQ(DumpJson(Json{{"b", 1}, {"a", "x"}}), R"({"a":"x","b":1})");
}

}  // namespace
}  // namespace immagin
