#include "server/common/java_regex.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace connectd::common {
namespace {

struct MatchCase {
  std::string pattern;
  std::string subject;
  bool matches;
  bool finds;
};

class JavaRegexMatchTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(JavaRegexMatchTest, MatchesAndFindLikeJava) {
  const MatchCase& c = GetParam();
  JavaRegex regex(c.pattern);
  EXPECT_EQ(c.matches, regex.matches(c.subject)) << c.pattern << " ~ " << c.subject;
  EXPECT_EQ(c.finds, regex.find(c.subject)) << c.pattern << " ~ " << c.subject;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JavaRegexMatchTest,
    ::testing::Values(
        MatchCase{"my-prefix-.*", "my-prefix-foo", true, true},
        MatchCase{"my-prefix-.*", "x-my-prefix-foo", false, true},
        MatchCase{"foo", "foobar", false, true},
        // matches() backtracks into later alternatives to consume the whole input.
        MatchCase{"a|ab", "ab", true, true}, MatchCase{"\\p{Alpha}+", "abcXYZ", true, true},
        MatchCase{"[\\p{Digit}_]+", "12_3", true, true},
        MatchCase{"\\P{Digit}+", "abc", true, true}, MatchCase{"\\p{Lower}+", "abC", false, true},
        MatchCase{"\\u0041\\u0042", "AB", true, true}, MatchCase{"\\0101", "A", true, true},
        MatchCase{"\\x41", "A", true, true}, MatchCase{"(?iu)abc", "ABC", true, true},
        MatchCase{"(?i:ab)c", "ABc", true, true}, MatchCase{"\\Q.*\\E", ".*", true, true},
        MatchCase{"\\Q.*\\E", "ab", false, false}, MatchCase{"a{2,3}", "aaa", true, true},
        MatchCase{"[]a]+", "]a]", true, true}, MatchCase{"(?<name>x+)y", "xxy", true, true},
        MatchCase{"\\p{IsLatin}+", "abc", true, true},
        MatchCase{"\\p{L}+", "\xC3\xA9t\xC3\xA9", true, true},
        // `.` stops at line terminators without DOTALL, as in Java.
        MatchCase{"a.b", "a\nb", false, false}, MatchCase{"(?s)a.b", "a\nb", true, true},
        // An invalid UTF-8 byte matches nothing, not even `.`, but is no error.
        MatchCase{"a.*", std::string("a\xFF\xFE", 3), false, true}));

struct SyntaxErrorCase {
  std::string pattern;
  std::string message;
};

class JavaRegexSyntaxTest : public ::testing::TestWithParam<SyntaxErrorCase> {};

TEST_P(JavaRegexSyntaxTest, RejectsWithJavaMessage) {
  const SyntaxErrorCase& c = GetParam();
  try {
    JavaRegex regex(c.pattern);
    FAIL() << "compiled: " << c.pattern;
  } catch (const PatternSyntaxException& e) {
    EXPECT_EQ(c.message, e.what());
    EXPECT_EQ(c.pattern, e.pattern());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JavaRegexSyntaxTest,
    ::testing::Values(
        SyntaxErrorCase{"[", "Unclosed character class near index 0\n[\n^"},
        SyntaxErrorCase{"[abc", "Unclosed character class near index 3\n[abc\n   ^"},
        SyntaxErrorCase{"*", "Dangling meta character '*' near index 0\n*\n^"},
        SyntaxErrorCase{"(ab", "Unclosed group near index 3\n(ab"},
        // Java reads every '{' as a repetition.
        SyntaxErrorCase{"${topic}", "Illegal repetition near index 1\n${topic}\n ^"},
        SyntaxErrorCase{"a{,3}", "Illegal repetition near index 1\na{,3}\n ^"},
        SyntaxErrorCase{"\\0", "Illegal octal escape sequence near index 2\n\\0"},
        SyntaxErrorCase{"\\u00G1", "Illegal Unicode escape sequence near index 2\n\\u00G1\n  ^"},
        // Java set operations PCRE2 would silently read as literals.
        SyntaxErrorCase{"[a-z&&[^e]]",
                        "Character class intersection (&&) is not supported near index 4\n"
                        "[a-z&&[^e]]\n    ^"},
        SyntaxErrorCase{"[a[b]]",
                        "Nested character classes are not supported near index 2\n[a[b]]\n  ^"},
        SyntaxErrorCase{
            "(?U)a",
            "Unsupported inline flag U (UNICODE_CHARACTER_CLASS) near index 2\n(?U)a\n  ^"}));

struct ReplaceCase {
  std::string pattern;
  std::string subject;
  std::string replacement;
  std::string first;
  std::string all;
};

class JavaRegexReplaceTest : public ::testing::TestWithParam<ReplaceCase> {};

TEST_P(JavaRegexReplaceTest, ReplacesLikeMatcher) {
  const ReplaceCase& c = GetParam();
  JavaRegex regex(c.pattern);
  EXPECT_EQ(c.first, regex.replaceFirst(c.subject, c.replacement));
  EXPECT_EQ(c.all, regex.replaceAll(c.subject, c.replacement));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JavaRegexReplaceTest,
    ::testing::Values(ReplaceCase{"(.*)-(\\d+)", "index-2016", "$2/$1", "2016/index", "2016/index"},
                      ReplaceCase{"o", "foo", "0", "f0o", "f00"},
                      ReplaceCase{"x", "abc", "y", "abc", "abc"},
                      // "abc".replaceAll("x*", "-") is "-a-b-c-" in Java.
                      ReplaceCase{"x*", "abc", "-", "-abc", "-a-b-c-"},
                      ReplaceCase{"(?<word>[a-z]+)", "ab cd", "<${word}>", "<ab> cd", "<ab> <cd>"},
                      ReplaceCase{"(a)", "a", "\\$1", "$1", "$1"},
                      // $12 with one group is group 1 then '2'.
                      ReplaceCase{"(a)", "a", "$12", "a2", "a2"},
                      // A group that did not take part appends nothing.
                      ReplaceCase{"(a)|(b)", "b", "[$1]", "[]", "[]"},
                      ReplaceCase{"\xC3\xA9*", "\xC3\xA9x", "-", "-x", "--x-"}));

TEST(JavaRegexTest, MalformedReplacementThrowsLikeJava) {
  JavaRegex regex("(a)");
  EXPECT_THROW(regex.replaceFirst("a", "$2"), std::out_of_range);
  EXPECT_THROW(regex.replaceFirst("a", "$"), std::invalid_argument);
  EXPECT_THROW(regex.replaceFirst("a", "\\"), std::invalid_argument);
  EXPECT_THROW(regex.replaceFirst("a", "${nope}"), std::invalid_argument);
  EXPECT_THROW(regex.replaceFirst("a", "$x"), std::invalid_argument);
  // Without a match the replacement is never parsed.
  EXPECT_EQ("b", regex.replaceFirst("b", "$9"));
}

TEST(JavaRegexTest, DeepBacktrackingOnLongInputStillMatches) {
  // (a|b)* keeps one backtracking frame per character; far more than the JIT's default stack.
  JavaRegex regex("(a|b)*c");
  std::string subject(200000, 'a');
  EXPECT_FALSE(regex.matches(subject));
  EXPECT_TRUE(regex.matches(subject + "c"));
}

TEST(JavaRegexTest, ReportsGroupCountAndPattern) {
  JavaRegex regex("([^.]+)\\.([^.]+)\\.([^.]+)");
  EXPECT_EQ(3, regex.groupCount());
  EXPECT_EQ("([^.]+)\\.([^.]+)\\.([^.]+)", regex.pattern());
}

}  // namespace
}  // namespace connectd::common
