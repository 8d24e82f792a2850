// world/loader_test.cc: loading world files (docs/world-format.md, cited as
// "world-format"): every example world loads; every error points at the
// right line and column with AWS's code where AWS has one; Identity Center
// provisioning; deterministic ids.
#include "world/loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "policy/parser.h"

namespace gatehouse::world {
namespace {

namespace fs = std::filesystem;

fs::path RepoRoot() {
  std::string file(__FILE__);
  return fs::path(file.substr(0, file.rfind("/src/world/")));
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> Files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".json"))
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

World MustLoad(std::string_view text) {
  Result<World> w = LoadWorld(text);
  EXPECT_TRUE(w.ok()) << w.error().line << ":" << w.error().column << ": " << w.error().message << " ["
                      << w.error().code << "]";
  return std::move(w).value();
}

// Expects LoadWorld to fail at line:column with the code, and the message to
// contain `part`.
void ExpectError(std::string_view text, std::uint32_t line, std::uint32_t column, std::string_view code,
                 std::string_view part) {
  Result<World> w = LoadWorld(text);
  ASSERT_FALSE(w.ok()) << "loaded, expected: " << part;
  EXPECT_EQ(w.error().line, line) << w.error().message;
  EXPECT_EQ(w.error().column, column) << w.error().message;
  EXPECT_EQ(w.error().code, code) << w.error().message;
  EXPECT_NE(w.error().message.find(part), std::string::npos) << w.error().message;
}

const std::string kInvalidWorld(world::kInvalidWorld);
const std::string kMalformed(policy::kMalformedPolicyDocument);
const std::string kLimit(policy::kLimitExceeded);

// ---- the example worlds ----

// world-format: "`gatehouse world validate FILE` checks it"; every example
// world under examples/worlds/ must load (scenarios.md: the examples are the
// first documentation a user reads).
TEST(ExampleWorlds, AllLoad) {
  const std::vector<fs::path> files = Files(RepoRoot() / "examples" / "worlds");
  ASSERT_GE(files.size(), 5u);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    Result<World> w = LoadWorld(ReadFile(f));
    EXPECT_TRUE(w.ok()) << w.error().line << ":" << w.error().column << ": " << w.error().message;
  }
}

// Each example starts with a comment saying what it demonstrates.
TEST(ExampleWorlds, StartWithAComment) {
  for (const fs::path& f : Files(RepoRoot() / "examples" / "worlds")) {
    const std::string text = ReadFile(f);
    EXPECT_EQ(text.rfind("# Scenario ", 0), 0u) << f;
  }
}

// scenarios.md A: alice, bob and carol sign in through the provisioned
// AWSReservedSSO_Developers_<16 hex> role in YOUR account; hosts 1-4 carry
// the scenario's tags.
TEST(ExampleWorlds, ScenarioA) {
  const World w = MustLoad(ReadFile(RepoRoot() / "examples/worlds/a-per-user-hosts.yaml"));
  const Account* your = w.FindAccount("111122223333");
  ASSERT_NE(your, nullptr);
  int sso_roles = 0;
  for (const auto& [name, r] : your->roles) sso_roles += r->protected_sso ? 1 : 0;
  EXPECT_GE(sso_roles, 2);
  ASSERT_TRUE(w.identity_center.has_value());
  const auto& assigned = w.identity_center->assignments.at({"Developers", "111122223333"});
  EXPECT_EQ(assigned, (std::vector<std::string>{"alice", "bob", "carol"}));
  const Host* h1 = w.FindHost("i-0a11ce00000000001");
  const Host* h2 = w.FindHost("i-0a11ce00000000002");
  const Host* h3 = w.FindHost("i-0a11ce00000000003");
  const Host* h4 = w.FindHost("i-0a11ce00000000004");
  ASSERT_TRUE(h1 && h2 && h3 && h4);
  EXPECT_EQ(h1->tags.at("User"), "alice");
  EXPECT_EQ(h1->tags.count("User2"), 0u);
  EXPECT_EQ(h2->tags.at("User"), "alice");
  EXPECT_EQ(h2->tags.at("User2"), "bob");
  EXPECT_EQ(h3->tags.count("User"), 0u);
  EXPECT_EQ(h4->tags.count("User"), 0u);
  EXPECT_EQ(h4->tags.at("User2"), "bob");
  EXPECT_EQ(h1->arn, "arn:aws:ec2:us-east-1:111122223333:instance/i-0a11ce00000000001");
}

// scenarios.md D: the example's policy names the role id gatehouse derives
// for AWSReservedSSO_Developers in YOUR account; if id derivation changed,
// the example would silently stop matching.
TEST(ExampleWorlds, ScenarioDNamesTheDerivedRoleId) {
  const std::string text = ReadFile(RepoRoot() / "examples/worlds/d-userid-conditions.yaml");
  const World w = MustLoad(text);
  const Role* developers = nullptr;
  for (const auto& [name, r] : w.FindAccount("111122223333")->roles)
    if (r->protected_sso && r->permission_set == "Developers") developers = r.get();
  ASSERT_NE(developers, nullptr);
  EXPECT_NE(text.find(developers->id + ":john.doe"), std::string::npos) << developers->id;
  EXPECT_NE(text.find(developers->name), std::string::npos) << developers->name;
}

// ---- the invalid worlds: each file says where it fails ----

// examples/worlds/invalid/*.yaml carry "# expect: LINE:COLUMN CODE message"
// and must fail exactly there (world-format: "points every error at its line
// and column").
TEST(InvalidWorlds, FailWhereTheySay) {
  const std::vector<fs::path> files = Files(RepoRoot() / "examples" / "worlds" / "invalid");
  ASSERT_GE(files.size(), 6u);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    const std::string text = ReadFile(f);
    const std::size_t at = text.find("# expect: ");
    ASSERT_NE(at, std::string::npos);
    std::istringstream spec(text.substr(at + 10, text.find('\n', at) - at - 10));
    std::string where, code, message;
    spec >> where >> code;
    std::getline(spec >> std::ws, message);
    const std::size_t colon = where.find(':');
    ASSERT_NE(colon, std::string::npos);
    ExpectError(text, static_cast<std::uint32_t>(std::stoul(where.substr(0, colon))),
                static_cast<std::uint32_t>(std::stoul(where.substr(colon + 1))), code, message);
  }
}

// scenarios.md C / world-format: the seed's trust policy names
// 3PA_IAM_Assume_Role, which does not exist; AWS refuses it with
// MalformedPolicyDocument "Invalid principal in policy: "AWS":"<arn>"".
TEST(InvalidWorlds, ScenarioCNonexistentPrincipalExactMessage) {
  Result<World> w = LoadWorld(ReadFile(RepoRoot() / "examples/worlds/invalid/c-nonexistent-trust-principal.yaml"));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, "MalformedPolicyDocument");
  EXPECT_EQ(w.error().message, R"(Invalid principal in policy: "AWS":"arn:aws:iam::444455556666:role/3PA_IAM_Assume_Role")");
  EXPECT_EQ(w.error().line, 26u);
  EXPECT_EQ(w.error().column, 33u);
  // With the existing name, the same world loads.
  std::string fixed = ReadFile(RepoRoot() / "examples/worlds/invalid/c-nonexistent-trust-principal.yaml");
  fixed.replace(fixed.find("role/3PA_IAM_Assume_Role]"), 24, "role/3P_IAM_Assume_Role");
  MustLoad(fixed);
}

// ---- syntax and structure ----

// world-format: YAML errors have positions too.
TEST(Loader, YamlSyntaxError) {
  ExpectError("version: 1\naccounts:\n  \"111122223333\": [\n", 4, 1, kInvalidWorld, "cannot parse the world file");
  ExpectError("version: 1\nversion: 2\n", 2, 1, kInvalidWorld, "duplicate key \"version\"");
  ExpectError("version: 1\nx: &a 1\n", 2, 4, kInvalidWorld, "anchors");
}

// world-format: "JSON is YAML": a JSON world loads; JSON errors are
// positioned.
TEST(Loader, JsonWorld) {
  const World w = MustLoad(R"({"version": 1, "accounts": {"111122223333": {"users": {"alice": {}}}}})");
  EXPECT_NE(w.FindUserByArn("arn:aws:iam::111122223333:user/alice"), nullptr);
  ExpectError("{\"version\": 1,\n \"accounts\": {\"111122223333\": {\"Users\": {}}}}", 2, 32, kInvalidWorld,
              "did you mean \"users\"");
}

// world-format: "version: 1" is required; the top level knows its elements.
TEST(Loader, VersionAndTopLevel) {
  ExpectError("accounts: {}\n", 1, 1, kInvalidWorld, "version");
  ExpectError("version: 2\n", 1, 10, kInvalidWorld, "unsupported world file version");
  ExpectError("version: 1\nAccounts: {}\n", 2, 1, kInvalidWorld, "did you mean \"accounts\"");
  ExpectError("version: 1\nprofile: {}\n", 2, 1, kInvalidWorld, "unknown element \"profile\"");
  ExpectError("version: 1\nregion: mars\n", 2, 9, kInvalidWorld, "invalid region");
  ExpectError("version: 1\ntime: yesterday\n", 2, 7, kInvalidWorld, "time must be an ISO 8601");
}

// world-format Rules: an unknown element names the right spelling when only
// the case differs, and lists the known ones.
TEST(Loader, UnknownElementWithCaseHint) {
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n        Trust_Policy: {}\n", 6, 9,
      kInvalidWorld, "unknown element \"Trust_Policy\" in role R (names are case-sensitive: did you mean \"trust_policy\"?)");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tag: {}}\n", 5, 11, kInvalidWorld,
              "unknown element \"tag\" in user u");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tag: {}}\n", 5, 11, kInvalidWorld,
              "known: path, tags, groups");
}

// world-format Rules: user and role names are unique within an account
// ignoring case (as in IAM); so are groups and customer managed policies.
TEST(Loader, DuplicateNamesIgnoringCase) {
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n"
      "      Deploy: {trust_policy: {Version: \"2012-10-17\", Statement: []}}\n"
      "      DEPLOY: {trust_policy: {Version: \"2012-10-17\", Statement: []}}\n",
      6, 7, kInvalidWorld, "duplicate role \"DEPLOY\" in account 111122223333: IAM names are unique ignoring case");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    groups:\n      Devs: {}\n      devs: {}\n", 6, 7,
              kInvalidWorld, "duplicate group \"devs\"");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      bob: {}\n      bob: {}\n", 6, 7, kInvalidWorld,
              "duplicate user \"bob\"");
  // A user and a role may share a name; other accounts are other namespaces.
  MustLoad(
      "version: 1\naccounts:\n  \"111122223333\":\n    users: {ops: {}}\n"
      "    roles: {ops: {trust_policy: {Version: \"2012-10-17\", Statement: []}}}\n"
      "  \"444455556666\":\n    users: {OPS: {}}\n");
}

// world-format Rules: tag keys of users and roles are unique ignoring case.
TEST(Loader, DuplicateTagKeysIgnoringCase) {
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        tags: {Team: a, team: b}\n", 6,
              25, kInvalidWorld, "duplicate tag key \"team\": IAM tag keys are unique ignoring case");
  // EC2 tag keys are case-sensitive: a host may carry both.
  MustLoad("version: 1\naccounts:\n  \"111122223333\":\n    hosts:\n      i-0123456789abcdef0: {tags: {User: a, user: b}}\n");
}

// world-format Rules: names follow IAM ([\w+=,.@-], users and roles 1-64,
// groups and policies up to 128).
TEST(Loader, InvalidNames) {
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      \"bad name\": {}\n", 5, 7, kInvalidWorld,
              "invalid user name \"bad name\"");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      a/b: {}\n", 5, 7, kInvalidWorld,
              "invalid user name");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      " + std::string(65, 'u') + ": {}\n", 5, 7,
              kInvalidWorld, "1 to 64 characters");
  MustLoad("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      " + std::string(64, 'u') +
           ": {}\n      \"a+b=c,d.e@f-g_h\": {}\n");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    groups:\n      " + std::string(129, 'g') + ": {}\n", 5, 7,
              kInvalidWorld, "1 to 128 characters");
  ExpectError("version: 1\naccounts:\n  \"11112222333\": {}\n", 3, 3, kInvalidWorld, "account ids are 12 digits");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    hosts:\n      i-0A11CE00000000001: {}\n", 5, 7, kInvalidWorld,
              "invalid host id");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    hosts:\n      i-0a11ce00000000001: {linux_users: [-rf]}\n", 5, 43,
      kInvalidWorld, "invalid Linux user name");
}

// world-format Rules: paths are "/" or "/…/" of printable ASCII, at most 512.
TEST(Loader, InvalidPaths) {
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {path: engineering}\n", 5, 17, kInvalidWorld,
              "invalid path \"engineering\"");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {path: /engineering}\n", 5, 17, kInvalidWorld,
              "invalid path");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {path: \"/a b/\"}\n", 5, 17, kInvalidWorld,
              "invalid path");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {path: /" + std::string(511, 'p') + "/}\n", 5,
              17, kInvalidWorld, "at most 512");
  const World w = MustLoad("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {path: /a/b/}\n");
  EXPECT_EQ(w.FindAccount("111122223333")->users.at("u")->arn, "arn:aws:iam::111122223333:user/a/b/u");
}

// world-format Rules: tag keys 1-128 of letters, digits, spaces and
// _.:/=+-@, not starting with aws:; values 0-256 of the same.
TEST(Loader, InvalidTags) {
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tags: {\"aws:team\": x}}\n", 5, 18,
              kInvalidWorld, "reserved for AWS");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tags: {\"team!\": x}}\n", 5, 18,
              kInvalidWorld, "invalid tag key \"team!\"");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tags: {" + std::string(129, 'k') + ": x}}\n",
              5, 18, kInvalidWorld, "invalid tag key");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tags: {k: " + std::string(257, 'v') + "}}\n",
              5, 18, kInvalidWorld, "invalid value for tag \"k\"");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    hosts:\n      i-0a11ce00000000001: {tags: {\"a*b\": x}}\n", 5,
              36, kInvalidWorld, "invalid tag key");
  const World w = MustLoad("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {tags: {\"Cost Center\": \"a.b:c/d=e+f-g@h_i\", Empty: \"\", Null: }}\n");
  const User* u = w.FindAccount("111122223333")->users.at("u").get();
  ASSERT_NE(FindTag(u->tags, "cost center"), nullptr);
  ASSERT_NE(FindTag(u->tags, "Empty"), nullptr);
  EXPECT_EQ(FindTag(u->tags, "Empty")->value, "");
}

// EC2 tag keys have at most 127 characters (EC2 API_Tag), one fewer than
// IAM's 128.
TEST(Loader, HostTagKeysAtMost127) {
  const std::string host = "version: 1\naccounts:\n  \"111122223333\":\n    hosts:\n      i-0a11ce00000000001: {tags: {";
  ExpectError(host + std::string(128, 'k') + ": x}}\n", 5, 36, kInvalidWorld, "1 to 127 characters");
  const World w = MustLoad(host + std::string(127, 'k') + ": x}}\n");
  EXPECT_EQ(w.FindHost("i-0a11ce00000000001")->tags.count(std::string(127, 'k')), 1u);
}

// IAM allows an empty tag value; an empty YAML value ("Team:") is one.
// (Regression: a null value was refused as "must be a string".)
TEST(Loader, NullTagValueIsEmpty) {
  const World w = MustLoad("version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n        tags:\n          Team:\n"
                           "        trust_policy: {Version: \"2012-10-17\", Statement: []}\n");
  const Tag* t = FindTag(w.FindAccount("111122223333")->roles.at("R")->tags, "Team");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "");
}

// ---- references ----

constexpr std::string_view kPolicyDoc = R"({Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]})";

// world-format Rules: every reference must resolve: groups, managed
// policies (by name in the same account, by ARN anywhere), boundaries.
TEST(Loader, UnknownIamReferences) {
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {groups: [Devs]}\n", 5, 20, kInvalidWorld,
              "unknown group \"Devs\" in account 111122223333");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {managed_policies: [ReadOnly]}\n", 5, 30,
              kInvalidWorld, "unknown managed policy \"ReadOnly\" in account 111122223333");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {managed_policies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}\n",
      5, 30, kInvalidWorld, "unknown managed policy \"arn:aws:iam::aws:policy/ReadOnlyAccess\"");
  ExpectError("version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u: {permissions_boundary: Boundary}\n", 5, 33,
              kInvalidWorld, "unknown managed policy \"Boundary\"");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n        trust_policy: {Version: \"2012-10-17\", Statement: []}\n"
      "        permissions_boundary: Nope\n",
      7, 31, kInvalidWorld, "unknown managed policy \"Nope\"");
  // A policy of another account by name is unknown here; by ARN it resolves.
  const std::string other = "version: 1\naccounts:\n  \"444455556666\":\n    policies:\n      Shared: {document: " +
                            std::string(kPolicyDoc) + "}\n  \"111122223333\":\n    users:\n      u: {managed_policies: [";
  ExpectError(other + "Shared]}\n", 8, 30, kInvalidWorld, "unknown managed policy \"Shared\" in account 111122223333");
  const World w = MustLoad(other + "\"arn:aws:iam::444455556666:policy/Shared\"]}\n");
  EXPECT_EQ(w.FindAccount("111122223333")->users.at("u")->managed.size(), 1u);
  // AWS managed policies resolve by ARN once declared.
  MustLoad("version: 1\naws_managed_policies:\n  ReadOnlyAccess: " + std::string(kPolicyDoc) +
           "\naccounts:\n  \"111122223333\":\n    users:\n      u: {managed_policies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}\n");
}

// world-format Rules: SCPs, RCPs and accounts named by the organization
// must resolve.
TEST(Loader, UnknownOrganizationReferences) {
  const std::string head =
      "version: 1\naccounts:\n  \"111122223333\": {scps: [FullAWSAccess]}\n  \"444455556666\": {scps: [FullAWSAccess]}\n"
      "organization:\n  id: o-a1b2c3d4e5\n  management_account: \"111122223333\"\n  policies:\n    scp:\n"
      "      FullAWSAccess: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\"}]}\n";
  MustLoad(head + "  root:\n    scps: [FullAWSAccess]\n    accounts: [\"111122223333\", \"444455556666\"]\n");
  ExpectError(head + "  root:\n    scps: [FullAccess]\n    accounts: [\"111122223333\"]\n", 12, 12, kInvalidWorld,
              "unknown SCP \"FullAccess\"");
  ExpectError(head + "  root:\n    scps: [FullAWSAccess]\n    accounts: [\"999999999999\"]\n", 13, 16, kInvalidWorld,
              "account \"999999999999\" is not declared under accounts");
  ExpectError(head + "  root:\n    scps: [FullAWSAccess]\n    rcps: [Nope]\n", 13, 12, kInvalidWorld, "unknown RCP \"Nope\"");
  ExpectError(head + "  root:\n    accounts: [\"111122223333\"]\n", 12, 5, kInvalidWorld, "needs at least one SCP");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\": {scps: [Missing]}\norganization:\n  id: o-a1b2c3d4e5\n"
      "  management_account: \"111122223333\"\n  root: {scps: [X]}\n  policies: {scp: {X: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\"}]}}}\n",
      3, 27, kInvalidWorld, "unknown SCP \"Missing\"");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\": {}\norganization:\n  id: o-a1b2c3d4e5\n  management_account: \"222222222222\"\n",
      6, 23, kInvalidWorld, "management account \"222222222222\" is not declared");
  ExpectError("version: 1\naccounts:\n  \"111122223333\": {scps: [X]}\n", 3, 26, kInvalidWorld,
              "the world has no organization");
}

// world-format Rules: permission sets and users of assignments, and the
// customer managed policies a permission set attaches, must resolve.
TEST(Loader, UnknownIdentityCenterReferences) {
  const std::string head =
      "version: 1\naccounts:\n  \"111122223333\": {}\nidentity_center:\n  users: {alice: {}}\n  groups: {Devs: {members: [alice]}}\n"
      "  permission_sets:\n    Developers: {}\n  assignments:\n";
  MustLoad(head + "    - {permission_set: Developers, account: \"111122223333\", users: [alice], groups: [Devs]}\n");
  ExpectError(head + "    - {permission_set: Admins, account: \"111122223333\", users: [alice]}\n", 10, 24, kInvalidWorld,
              "unknown permission set \"Admins\"");
  ExpectError(head + "    - {permission_set: Developers, account: \"999999999999\", users: [alice]}\n", 10, 45,
              kInvalidWorld, "account \"999999999999\" is not declared");
  ExpectError(head + "    - {permission_set: Developers, account: \"111122223333\", users: [bob]}\n", 10, 69, kInvalidWorld,
              "unknown Identity Center user \"bob\"");
  ExpectError(head + "    - {permission_set: Developers, account: \"111122223333\", groups: [Ops]}\n", 10, 70,
              kInvalidWorld, "unknown Identity Center group \"Ops\"");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\": {}\nidentity_center:\n  users: {alice: {}}\n  permission_sets:\n"
      "    Developers: {customer_managed_policies: [SSMStartSession]}\n  assignments:\n"
      "    - {permission_set: Developers, account: \"111122223333\", users: [alice]}\n",
      7, 5, kInvalidWorld, "attaches customer managed policy \"SSMStartSession\", which account 111122223333 does not have");
  ExpectError(
      "version: 1\nidentity_center:\n  users: {alice: {}}\n  groups: {Devs: {members: [alice, bob]}}\n", 4, 36, kInvalidWorld,
      "unknown Identity Center user \"bob\"");
  ExpectError("version: 1\nidentity_center:\n  permission_sets:\n    Developers: {session_duration: PT13H}\n", 4, 36,
              kInvalidWorld, "between PT1H and PT12H");
}

// world-format Rules: profiles' source_profile must resolve; a profile is a
// caller, a role hop, or an SSO sign-in; no cycles.
TEST(Loader, ProfileReferences) {
  ExpectError(
      "version: 1\nprofiles:\n  hop:\n    source_profile: base\n    role_arn: arn:aws:iam::111122223333:role/R\n", 4, 21,
      kInvalidWorld, "unknown source_profile \"base\"");
  ExpectError("version: 1\nprofiles:\n  a: {source_profile: b, role_arn: x}\n  b: {source_profile: a, role_arn: x}\n", 3, 3,
              kInvalidWorld, "cycle");
  ExpectError("version: 1\nprofiles:\n  p: {role_arn: arn:aws:iam::111122223333:role/R}\n", 3, 3, kInvalidWorld,
              "needs both source_profile and role_arn");
  ExpectError("version: 1\nprofiles:\n  p: {sso_account_id: \"111122223333\", sso_role_name: Developers}\n", 3, 3,
              kInvalidWorld, "sso_user");
  ExpectError("version: 1\nprofiles:\n  p: {Caller: arn:aws:iam::111122223333:user/u}\n", 3, 7, kInvalidWorld,
              "did you mean \"caller\"");
}

// ---- policies ----

// world-format Rules: every policy is validated by the engine with its type
// and the engine's errors are reported at their position in the world file
// (a policy written as a YAML mapping).
TEST(Loader, PolicyErrorsInYamlMapping) {
  const std::string head = "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        policies:\n          P:\n"
                           "            Version: \"2012-10-17\"\n            Statement:\n";
  ExpectError(head + "              - {Effect: Allow, Action: s3, Resource: \"*\"}\n", 10, 41, kMalformed,
              "policy \"P\": Actions/Conditions must be prefaced by a vendor");
  ExpectError(head + "              - {Effect: Allow, Action: s3:GetObject}\n", 10, 17, kMalformed,
              "Policy statement must contain resources.");
  ExpectError(head + "              - {Effect: Allow, Principal: \"*\", Action: s3:GetObject, Resource: \"*\"}\n", 10, 33,
              kMalformed, "Policy document should not specify a principal.");
  ExpectError(head + "              - {Effect: Allow, Action: s3:GetObject, Resource: \"*\", Condition: {StringEqualz: {aws:username: u}}}\n",
              10, 82, kMalformed, "Invalid Condition type : StringEqualz");
  // A trust policy is checked as a trust policy: no Resource allowed.
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n"
      "          Statement: [{Effect: Allow, Principal: {AWS: \"111122223333\"}, Action: sts:AssumeRole, Resource: \"*\"}]\n",
      8, 97, kMalformed, "Has prohibited field Resource");
  // An SCP is checked as an SCP: no Principal.
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\": {}\norganization:\n  id: o-a1b2c3d4e5\n  management_account: \"111122223333\"\n"
      "  policies:\n    scp:\n      S: {Version: \"2012-10-17\", Statement: [{Effect: Deny, Principal: \"*\", Action: \"*\", Resource: \"*\"}]}\n",
      9, 61, kMalformed, "should not specify a principal");
}

// world-format (YAML): the IAM operator Null written as a plain YAML key
// keeps its name. (Regression: YAML reads a plain `Null` as null, and the
// key became "", "Invalid Condition type : ".)
TEST(Loader, PlainNullOperatorKey) {
  const World w = MustLoad(
      "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        policies:\n          P:\n"
      "            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Deny\n"
      "                Action: ssm:StartSession\n                Resource: \"*\"\n                Condition:\n"
      "                  Null: {ssm:resourceTag/User: \"false\"}\n");
  const std::string& text = w.FindAccount("111122223333")->users.at("u")->inline_policies.at(0).text;
  EXPECT_NE(text.find(R"("Null":{"ssm:resourceTag/User":"false"})"), std::string::npos) << text;
}

// world-format Rules (a policy written as a JSON string): the error is at
// the string, with the position inside the policy text in the message.
TEST(Loader, PolicyErrorsInJsonString) {
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        policies:\n"
      "          P: '{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3\",\"Resource\":\"*\"}}'\n",
      7, 14, kMalformed, "(at 1:64 of the policy text)");
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        policies:\n          P: '{\"Version\":'\n", 7, 14,
      kMalformed, "policy \"P\"");
  // A valid JSON string policy loads and is kept as written.
  const World w = MustLoad(
      "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        policies:\n"
      "          P: '{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}'\n");
  EXPECT_EQ(w.FindAccount("111122223333")->users.at("u")->inline_policies.at(0).size, 86u);
}

// ---- size quotas (world-format Rules: IAM's per-entity quotas) ----

// A policy document of exactly `size` non-whitespace characters (as JSON):
// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::xxx"}]}
std::string PolicyOfSize(std::size_t size) {
  const std::string head = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::)";
  const std::string tail = R"("}]})";
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

// IAM: a user's inline policies together count at most 2,048 non-whitespace
// characters; the policy that crosses the quota is the one reported.
TEST(Loader, UserInlineQuota) {
  const std::string head = "version: 1\naccounts:\n  \"111122223333\":\n    users:\n      u:\n        policies:\n";
  MustLoad(head + "          A: " + PolicyOfSize(1024) + "\n          B: " + PolicyOfSize(1024) + "\n");
  ExpectError(head + "          A: " + PolicyOfSize(1024) + "\n          B: " + PolicyOfSize(1025) + "\n", 8, 14, kLimit,
              "Maximum policy size of 2048 bytes exceeded for user u");
  // A role allows 10,240.
  MustLoad("version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n"
           "        trust_policy: {Version: \"2012-10-17\", Statement: []}\n        policies:\n          A: " +
           PolicyOfSize(10240) + "\n");
}

// IAM: a managed policy is at most 6,144 non-whitespace characters.
TEST(Loader, ManagedPolicyQuota) {
  const std::string head = "version: 1\naccounts:\n  \"111122223333\":\n    policies:\n      M:\n        document: ";
  MustLoad(head + PolicyOfSize(6144) + "\n");
  ExpectError(head + PolicyOfSize(6145) + "\n", 6, 19, kLimit, "Cannot exceed quota for PolicySize: 6144");
}

// IAM: a role trust policy is at most 2,048 non-whitespace characters.
TEST(Loader, TrustPolicyQuota) {
  auto trust = [](std::size_t size) {
    const std::string head = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":")";
    const std::string tail = R"("}}}]})";
    return head + std::string(size - head.size() - tail.size(), 'x') + tail;
  };
  const std::string head = "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n        trust_policy: ";
  MustLoad(head + trust(2048) + "\n");
  ExpectError(head + trust(2049) + "\n", 6, 23, kLimit, "Cannot exceed quota for ACLSizePerRole: 2048");
}

// ---- trust principals (world-format Rules) ----

// A trust policy naming a user or role the world does not have is refused as
// AWS refuses it; an account the world does not declare may be named only by
// its id or root ARN (its users and roles cannot be checked); the position
// is the principal's (YAML) or the string's (JSON text).
TEST(Loader, InvalidPrincipalInTrustPolicy) {
  const std::string head = "version: 1\naccounts:\n  \"111122223333\":\n    users: {alice: {}}\n    roles:\n      R:\n"
                           "        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n"
                           "            - Effect: Allow\n              Action: sts:AssumeRole\n              Principal: {AWS: ";
  MustLoad(head + "arn:aws:iam::111122223333:user/alice}\n");
  MustLoad(head + "\"111122223333\"}\n");
  MustLoad(head + "arn:aws:iam::111122223333:root}\n");
  MustLoad(head + "\"999999999999\"}\n");
  MustLoad(head + "arn:aws:iam::999999999999:root}\n");
  ExpectError(head + "arn:aws:iam::999999999999:role/Anything}\n", 12, 32, kMalformed,
              R"(Invalid principal in policy: "AWS":"arn:aws:iam::999999999999:role/Anything")");
  ExpectError(head + "arn:aws:iam::999999999999:user/someone}\n", 12, 32, kMalformed, "Invalid principal in policy");
  ExpectError(head + "AROAAAAAAAAAAAAAAAAAA}\n", 12, 32, kMalformed, "Invalid principal in policy");
  ExpectError(head + "arn:aws:iam::111122223333:user/bob}\n", 12, 32, kMalformed,
              R"(Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:user/bob")");
  ExpectError(head + "[\"111122223333\", arn:aws:iam::111122223333:role/Ghost]}\n", 12, 49, kMalformed,
              R"(Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/Ghost")");
  ExpectError(head + "arn:aws:sts::111122223333:assumed-role/Ghost/s}\n", 12, 32, kMalformed, "Invalid principal in policy");
  // Given as a JSON string, the error is at the string.
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      R:\n        trust_policy: "
      "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"},\"Action\":\"sts:AssumeRole\"}]}'\n",
      6, 23, kMalformed, R"(Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:user/bob")");
}

// world-format (Identity Center): the provisioned roles exist for trust
// policies too: a role may trust the AWSReservedSSO_ role or its sessions.
// (Regression: trust principals were checked before provisioning.)
TEST(Loader, TrustPolicyMayNameAProvisionedRole) {
  const std::string ic =
      "identity_center:\n  users: {alice: {}}\n  permission_sets: {Developers: {}}\n"
      "  assignments: [{permission_set: Developers, account: \"111122223333\", users: [alice]}]\n";
  const World probe = MustLoad("version: 1\naccounts:\n  \"111122223333\": {}\n" + ic);
  std::string sso;
  for (const auto& [name, r] : probe.FindAccount("111122223333")->roles) sso = r->arn;
  ASSERT_FALSE(sso.empty());
  const std::string role =
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      Target:\n        trust_policy: {Version: \"2012-10-17\", "
      "Statement: [{Effect: Allow, Action: sts:AssumeRole, Principal: {AWS: \"";
  const World w = MustLoad(role + sso + "\"}}]}\n" + ic);
  EXPECT_NE(w.FindRoleByArn(sso), nullptr);
  const std::string name = sso.substr(sso.rfind('/') + 1);
  MustLoad(role + "arn:aws:sts::111122223333:assumed-role/" + name + "/alice\"}}]}\n" + ic);
}

// ---- Identity Center provisioning (world-format "Rules") ----

// world-format: a role AWSReservedSSO_<PermissionSet>_<16 hex> with path
// /aws-reserved/sso.amazonaws.com/, a SAML trust, the permission set's
// policies and its session duration as maximum, per assigned account.
TEST(IdentityCenter, ProvisionedRoles) {
  const World w = MustLoad(
      "version: 1\naws_managed_policies:\n  ReadOnlyAccess: " + std::string(kPolicyDoc) +
      "\naccounts:\n  \"111122223333\":\n    policies:\n      SSMStartSession: {document: " + std::string(kPolicyDoc) +
      "}\n  \"444455556666\":\n    policies:\n      SSMStartSession: {document: " + std::string(kPolicyDoc) +
      "}\nidentity_center:\n  users: {alice: {}}\n  permission_sets:\n    Developers:\n      session_duration: PT8H\n"
      "      inline_policy: " + std::string(kPolicyDoc) +
      "\n      managed_policies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]\n      customer_managed_policies: [SSMStartSession]\n"
      "  assignments:\n    - {permission_set: Developers, account: \"111122223333\", users: [alice]}\n"
      "    - {permission_set: Developers, account: \"444455556666\", users: [alice]}\n");
  std::set<std::string> ids;
  for (const char* account : {"111122223333", "444455556666"}) {
    SCOPED_TRACE(account);
    const Account* a = w.FindAccount(account);
    ASSERT_EQ(a->roles.size(), 1u);
    const Role& r = *a->roles.begin()->second;
    EXPECT_TRUE(r.protected_sso);
    EXPECT_EQ(r.permission_set, "Developers");
    ASSERT_EQ(r.name.size(), std::string("AWSReservedSSO_Developers_").size() + 16);
    EXPECT_EQ(r.name.rfind("AWSReservedSSO_Developers_", 0), 0u);
    for (char c : r.name.substr(r.name.size() - 16)) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << r.name;
    EXPECT_EQ(r.path, "/aws-reserved/sso.amazonaws.com/");
    EXPECT_EQ(r.arn, "arn:aws:iam::" + std::string(account) + ":role/aws-reserved/sso.amazonaws.com/" + r.name);
    EXPECT_EQ(r.max_session_duration, 8 * 3600);
    EXPECT_EQ(r.inline_policies.size(), 1u);
    ASSERT_EQ(r.managed.size(), 2u);
    EXPECT_EQ(r.managed[1]->arn, "arn:aws:iam::" + std::string(account) + ":policy/SSMStartSession");
    EXPECT_NE(r.trust.text.find("saml-provider/AWSSSO_"), std::string::npos);
    EXPECT_NE(r.trust.text.find("sts:AssumeRoleWithSAML"), std::string::npos);
    ids.insert(r.id);
  }
  EXPECT_EQ(ids.size(), 2u);  // one role per account, each with its own id
}

// world-format: the world file cannot declare a role with the
// AWSReservedSSO_ prefix (in any case: IAM names are case-insensitive).
TEST(IdentityCenter, HandDeclaredReservedRoleRefused) {
  ExpectError(
      "version: 1\naccounts:\n  \"111122223333\":\n    roles:\n      awsreservedsso_Developers_0123456789abcdef:\n"
      "        trust_policy: {Version: \"2012-10-17\", Statement: []}\n",
      5, 7, kInvalidWorld, "provisioned by IAM Identity Center");
}

// ---- deterministic ids (world-format Rules) ----

bool IsAwsIdAlphabet(std::string_view s) {
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
  return true;
}

void ExpectId(const std::string& id, std::string_view prefix, std::size_t chars) {
  EXPECT_EQ(id.substr(0, 4), prefix) << id;
  EXPECT_EQ(id.size(), 4 + chars) << id;
  EXPECT_TRUE(IsAwsIdAlphabet(id.substr(4))) << id;
}

constexpr std::string_view kIdsWorld = R"(version: 1
accounts:
  "111122223333":
    policies:
      M: {document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}}
    groups: {G: {}}
    users:
      alice: {access_keys: 2, groups: [G]}
      bob: {access_keys: 1}
    roles:
      R: {trust_policy: {Version: "2012-10-17", Statement: []}}
  "444455556666":
    users:
      alice: {access_keys: 1}
)";

// world-format: ids are AIDA/AROA/AGPA/ANPA + 17 and AKIA + 16 characters
// of A-Z2-7, derived from the entity; the same world always yields the same
// ids.
TEST(Ids, FormatsAndDeterminism) {
  const World a = MustLoad(kIdsWorld);
  const World b = MustLoad(kIdsWorld);
  const Account& your = *a.FindAccount("111122223333");
  const User& alice = *your.users.at("alice");
  ExpectId(alice.id, "AIDA", 17);
  ExpectId(your.roles.at("R")->id, "AROA", 17);
  ExpectId(your.groups.at("G")->id, "AGPA", 17);
  ExpectId(your.policies.at("M")->id, "ANPA", 17);
  ASSERT_EQ(alice.access_keys.size(), 2u);
  for (const std::string& k : alice.access_keys) ExpectId(k, "AKIA", 16);
  EXPECT_NE(alice.access_keys[0], alice.access_keys[1]);

  // Same world, same ids.
  const Account& your_b = *b.FindAccount("111122223333");
  EXPECT_EQ(alice.id, your_b.users.at("alice")->id);
  EXPECT_EQ(alice.access_keys, your_b.users.at("alice")->access_keys);
  EXPECT_EQ(your.roles.at("R")->id, your_b.roles.at("R")->id);
  EXPECT_EQ(your.groups.at("G")->id, your_b.groups.at("G")->id);
  EXPECT_EQ(your.policies.at("M")->id, your_b.policies.at("M")->id);

  // Different entities, different ids: another user, the same name in
  // another account.
  EXPECT_NE(alice.id, your.users.at("bob")->id);
  EXPECT_NE(alice.id, a.FindAccount("444455556666")->users.at("alice")->id);
  EXPECT_NE(alice.access_keys[0], a.FindAccount("444455556666")->users.at("alice")->access_keys[0]);
}

// world-format: ids do not depend on the rest of the file (an unrelated
// addition keeps every id), so examples and docs can quote them.
TEST(Ids, StableUnderUnrelatedChanges) {
  const World a = MustLoad(kIdsWorld);
  const World b = MustLoad(std::string(kIdsWorld) + "    roles:\n      Other: {trust_policy: {Version: \"2012-10-17\", Statement: []}}\n");
  EXPECT_EQ(a.FindAccount("111122223333")->users.at("alice")->id, b.FindAccount("111122223333")->users.at("alice")->id);
  EXPECT_EQ(a.FindAccount("444455556666")->users.at("alice")->id, b.FindAccount("444455556666")->users.at("alice")->id);
}

// world-format: ARNs of the entities follow IAM (path included).
TEST(Ids, Arns) {
  const World w = MustLoad(kIdsWorld);
  const Account& your = *w.FindAccount("111122223333");
  EXPECT_EQ(your.users.at("alice")->arn, "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(your.roles.at("R")->arn, "arn:aws:iam::111122223333:role/R");
  EXPECT_EQ(your.groups.at("G")->arn, "arn:aws:iam::111122223333:group/G");
  EXPECT_EQ(your.policies.at("M")->arn, "arn:aws:iam::111122223333:policy/M");
  EXPECT_EQ(w.FindRoleByName("111122223333", "r"), your.roles.at("R").get());  // IAM names ignore case
}

}  // namespace
}  // namespace gatehouse::world
