// services/ec2_service_test.cc: EC2 tagging and DescribeInstances over a
// small world: CreateTags and DeleteTags authorised per instance with
// aws:TagKeys, aws:RequestTag/K, aws:ResourceTag/K and ec2:ResourceTag/K (so
// that the tags access depends on can be protected from tampering), EC2's
// validation errors, and DescribeInstances' filters. Each test names the
// rule it follows: a section of ../shared/spec/iam-semantics.md ("iam §x"),
// ../shared/spec/ssm-protocol.md ("ssm §x"), ../shared/scenarios.md, or,
// where AWS is silent, the choice gatehouse made (said so).
#include "services/ec2_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "services/ssm_service.h"
#include "sts/sts.h"
#include "world/loader.h"

namespace gatehouse::services {
namespace {

using world::Identity;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

constexpr std::string_view kA = "i-0a0000000000000a1";  // User=alice, Name=a
constexpr std::string_view kB = "i-0a0000000000000a2";  // Name=b
constexpr std::string_view kC = "i-0a0000000000000a3";  // Team=web, Name=c
constexpr std::string_view kWest = "i-0a0000000000000a4";  // us-west-2
constexpr std::string_view kManaged = "mi-0a0000000000000a5";
constexpr std::string_view kOther = "i-0b0000000000000b1";  // 444455556666
constexpr std::string_view kUnknown = "i-0f0000000000000f0";

// The tagging policies: the seed's ForAnyValue Deny (scenario A), an
// allow-list with ForAllValues, a request-tag rule, and resource-tag rules
// through both aws:ResourceTag and ec2:ResourceTag.
constexpr std::string_view kWorld = R"(
version: 1
region: us-east-1
accounts:
  "111122223333":
    users:
      tagger:
        policies:
          TaggingWithSeedDeny:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: [ec2:CreateTags, ec2:DeleteTags], Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"}
              - Sid: PreventTamperingWithSessionUserTags
                Effect: Deny
                Action: [ec2:CreateTags, ec2:DeleteTags]
                Resource: "arn:aws:ec2:*:*:instance/*"
                Condition: {ForAnyValue:StringEquals: {aws:TagKeys: [User, User2]}}
      allowlisted:
        policies:
          OnlyNameAndEnv:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [ec2:CreateTags, ec2:DeleteTags]
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {ForAllValues:StringEquals: {aws:TagKeys: [Name, Env]}}
      requester:
        policies:
          EnvDevOrTestOnly:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ec2:CreateTags
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition:
                  StringEquals: {aws:RequestTag/Env: [dev, test]}
                  ForAllValues:StringEquals: {aws:TagKeys: [Env]}
      webowner:
        policies:
          WebHostsByAwsResourceTag:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [ec2:CreateTags, ec2:DeleteTags]
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {StringEquals: {aws:ResourceTag/Team: web}}
      webowner2:
        policies:
          WebHostsByEc2ResourceTag:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [ec2:CreateTags, ec2:DeleteTags]
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {StringEquals: {ec2:ResourceTag/Team: web}}
      describer:
        policies:
          Describe:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: ec2:DescribeInstances, Resource: "*"}
      tagall:
        policies:
          Everything:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: "ec2:*", Resource: "*"}
      nobody: {}
    hosts:
      i-0a0000000000000a1:
        tags: {User: alice, Name: a}
      i-0a0000000000000a2:
        tags: {Name: b}
      i-0a0000000000000a3:
        tags: {Team: web, Name: c}
      i-0a0000000000000a4:
        region: us-west-2
        tags: {Name: west}
      mi-0a0000000000000a5:
        tags: {Name: managed}
  "444455556666":
    hosts:
      i-0b0000000000000b1:
        tags: {Name: other}
)";

world::World Load() {
  Result<world::World> r = world::LoadWorld(kWorld);
  EXPECT_TRUE(r.ok()) << r.error().line << ":" << r.error().column << ": " << r.error().message;
  return std::move(r).value();
}

Identity User(const world::World& w, std::string_view name) {
  Result<Identity> id = sts::LongTermIdentity(w, "arn:aws:iam::111122223333:user/" + std::string(name));
  EXPECT_TRUE(id.ok()) << name << ": " << id.error().message;
  return std::move(id).value();
}

world::RequestEnvironment Env(std::string_view region = "us-east-1") {
  world::RequestEnvironment env;
  env.now = kNow;
  env.region = std::string(region);
  return env;
}

std::vector<std::string> Ids(std::initializer_list<std::string_view> ids) {
  return std::vector<std::string>(ids.begin(), ids.end());
}

std::map<std::string, std::string> TagsOf(const world::World& w, std::string_view id) {
  return w.FindHost(id)->tags;
}

std::string InstanceArn(std::string_view id) {
  return "arn:aws:ec2:us-east-1:111122223333:instance/" + std::string(id);
}

// iam §7.6: EC2 says UnauthorizedOperation, "You are not authorized to
// perform this operation."; gatehouse appends IAM's explanation where AWS
// would put the encoded authorization message.
void ExpectUnauthorized(const Status& s, std::string_view user, std::string_view action, std::string_view resource,
                        std::string_view context) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kUnauthorizedOperation);
  std::string m = "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/" +
                  std::string(user) + " is not authorized to perform: " + std::string(action);
  if (!resource.empty()) m += " on resource: " + std::string(resource);
  EXPECT_EQ(s.error().message, m + " " + std::string(context));
}

// ---- tag tampering: aws:TagKeys ----

// scenarios.md A (seed 000's PreventTamperingWithSessionUserTags): with
// ForAnyValue:StringEquals aws:TagKeys [User, User2], CreateTags with key
// User is denied, and so is Name+User2 (one protected key is enough); Name
// alone is allowed. iam §8: aws:TagKeys is the list of keys in the request.
TEST(CreateTags, SeedDenyProtectsUserTags) {
  world::World w = Load();
  const Identity u = User(w, "tagger");
  ExpectUnauthorized(CreateTags(w, u, Ids({kA}), {{"User", "bob"}}, Env()), "tagger", "ec2:CreateTags", InstanceArn(kA),
                     "with an explicit deny in an identity-based policy");
  ExpectUnauthorized(CreateTags(w, u, Ids({kA}), {{"Name", "x"}, {"User2", "bob"}}, Env()), "tagger", "ec2:CreateTags",
                     InstanceArn(kA), "with an explicit deny in an identity-based policy");
  EXPECT_EQ(TagsOf(w, kA), (std::map<std::string, std::string>{{"Name", "a"}, {"User", "alice"}}));
  ASSERT_TRUE(CreateTags(w, u, Ids({kA}), {{"Name", "renamed"}}, Env()).ok());
  EXPECT_EQ(TagsOf(w, kA), (std::map<std::string, std::string>{{"Name", "renamed"}, {"User", "alice"}}));
}

// scenarios.md A: DeleteTags with key User is denied; iam §5.3: for
// DeleteTags aws:TagKeys is the keys being removed.
TEST(DeleteTags, SeedDenyProtectsUserTags) {
  world::World w = Load();
  const Identity u = User(w, "tagger");
  ExpectUnauthorized(DeleteTags(w, u, Ids({kA}), {{"User", std::nullopt}}, Env()), "tagger", "ec2:DeleteTags",
                     InstanceArn(kA), "with an explicit deny in an identity-based policy");
  ExpectUnauthorized(DeleteTags(w, u, Ids({kA}), {{"User", std::string("alice")}}, Env()), "tagger", "ec2:DeleteTags",
                     InstanceArn(kA), "with an explicit deny in an identity-based policy");
  ASSERT_TRUE(DeleteTags(w, u, Ids({kA}), {{"Name", std::nullopt}}, Env()).ok());
  EXPECT_EQ(TagsOf(w, kA), (std::map<std::string, std::string>{{"User", "alice"}}));
}

// EC2 DeleteTags without Tags deletes every tag of the resource; the keys
// removed are then the resource's keys, and aws:TagKeys must carry them
// (iam §5.3: "aws:TagKeys = keys being removed"), or the delete-all form
// would bypass every aws:TagKeys protection.
TEST(DeleteTags, DeletingAllTagsIsCheckedAgainstTheKeysRemoved) {
  world::World w = Load();
  ExpectUnauthorized(DeleteTags(w, User(w, "tagger"), Ids({kA}), {}, Env()), "tagger", "ec2:DeleteTags",
                     InstanceArn(kA), "with an explicit deny in an identity-based policy");
  EXPECT_EQ(TagsOf(w, kA).count("User"), 1u);
  // ForAllValues allow-list: the host's keys (User, Name) are not all listed.
  ExpectUnauthorized(DeleteTags(w, User(w, "allowlisted"), Ids({kA}), {}, Env()), "allowlisted", "ec2:DeleteTags",
                     InstanceArn(kA), "because no identity-based policy allows the ec2:DeleteTags action");
  EXPECT_EQ(TagsOf(w, kA).count("User"), 1u);
  // A host without protected tags: allowed, and every tag goes.
  ASSERT_TRUE(DeleteTags(w, User(w, "tagger"), Ids({kB}), {}, Env()).ok());
  EXPECT_TRUE(TagsOf(w, kB).empty());
}

// iam §8: ForAllValues:StringEquals aws:TagKeys [Name, Env] allows a request
// whose every key is listed, and denies one with any other key.
TEST(CreateTags, ForAllValuesAllowList) {
  world::World w = Load();
  const Identity u = User(w, "allowlisted");
  ASSERT_TRUE(CreateTags(w, u, Ids({kA}), {{"Name", "n"}, {"Env", "dev"}}, Env()).ok());
  ExpectUnauthorized(CreateTags(w, u, Ids({kA}), {{"Name", "n"}, {"User", "mallory"}}, Env()), "allowlisted",
                     "ec2:CreateTags", InstanceArn(kA),
                     "because no identity-based policy allows the ec2:CreateTags action");
  ExpectUnauthorized(DeleteTags(w, u, Ids({kA}), {{"User", std::nullopt}}, Env()), "allowlisted", "ec2:DeleteTags",
                     InstanceArn(kA), "because no identity-based policy allows the ec2:DeleteTags action");
  EXPECT_EQ(TagsOf(w, kA).at("User"), "alice");
}

// iam §8: aws:RequestTag/K is the value being set; combined with
// ForAllValues aws:TagKeys [Env] only Env=dev|test may be set.
TEST(CreateTags, RequestTag) {
  world::World w = Load();
  const Identity u = User(w, "requester");
  ASSERT_TRUE(CreateTags(w, u, Ids({kB}), {{"Env", "dev"}}, Env()).ok());
  EXPECT_EQ(TagsOf(w, kB).at("Env"), "dev");
  ExpectUnauthorized(CreateTags(w, u, Ids({kB}), {{"Env", "prod"}}, Env()), "requester", "ec2:CreateTags",
                     InstanceArn(kB), "because no identity-based policy allows the ec2:CreateTags action");
  ExpectUnauthorized(CreateTags(w, u, Ids({kB}), {{"Env", "test"}, {"Owner", "x"}}, Env()), "requester",
                     "ec2:CreateTags", InstanceArn(kB),
                     "because no identity-based policy allows the ec2:CreateTags action");
  EXPECT_EQ(TagsOf(w, kB).at("Env"), "dev");
  EXPECT_EQ(TagsOf(w, kB).count("Owner"), 0u);
}

// iam §8 / §5.3: the instance's existing tags are aws:ResourceTag/K and
// ec2:ResourceTag/K; a request on several instances is authorised on each,
// and nothing changes unless all are allowed.
TEST(CreateTags, ResourceTagBothKeysAndEveryResource) {
  for (const char* name : {"webowner", "webowner2"}) {
    SCOPED_TRACE(name);
    world::World w = Load();
    const Identity u = User(w, name);
    ASSERT_TRUE(CreateTags(w, u, Ids({kC}), {{"Env", "dev"}}, Env()).ok());
    ExpectUnauthorized(CreateTags(w, u, Ids({kC, kB}), {{"Owner", "x"}}, Env()), name, "ec2:CreateTags",
                       InstanceArn(kB), "because no identity-based policy allows the ec2:CreateTags action");
    EXPECT_EQ(TagsOf(w, kC).count("Owner"), 0u);  // kC, allowed, is not tagged either
    ASSERT_TRUE(DeleteTags(w, u, Ids({kC}), {{"Env", std::nullopt}}, Env()).ok());
    EXPECT_EQ(TagsOf(w, kC).count("Env"), 0u);
    // Deleting the tag that grants the access is allowed by this policy
    // (it reads the tag, it does not protect it).
    ASSERT_TRUE(DeleteTags(w, u, Ids({kC}), {{"Team", std::nullopt}}, Env()).ok());
    EXPECT_FALSE(CreateTags(w, u, Ids({kC}), {{"Team", "web"}}, Env()).ok());  // now untagged: no longer allowed
  }
}

// EC2 DeleteTags: a tag given with a value is deleted only when the value
// matches; without a value whatever its value.
TEST(DeleteTags, ValueMustMatchWhenGiven) {
  world::World w = Load();
  const Identity u = User(w, "tagall");
  ASSERT_TRUE(DeleteTags(w, u, Ids({kC}), {{"Team", std::string("db")}}, Env()).ok());
  EXPECT_EQ(TagsOf(w, kC).at("Team"), "web");
  ASSERT_TRUE(DeleteTags(w, u, Ids({kC}), {{"Team", std::string("web")}}, Env()).ok());
  EXPECT_EQ(TagsOf(w, kC).count("Team"), 0u);
  // iam §8: EC2 tag keys are case-sensitive: Name and name are two tags.
  ASSERT_TRUE(CreateTags(w, u, Ids({kC}), {{"name", "lower"}}, Env()).ok());
  EXPECT_EQ(TagsOf(w, kC).at("Name"), "c");
  EXPECT_EQ(TagsOf(w, kC).at("name"), "lower");
}

// ---- validation (EC2's error codes) ----

// iam §8 (EC2 API Tag): keys at most 127 Unicode characters, values at
// most 256, no aws: prefix: InvalidParameterValue. Unknown instances are
// InvalidInstanceID.NotFound, malformed ids InvalidInstanceID.Malformed, and
// instances of another account or region are not found.
TEST(CreateTags, Validation) {
  world::World w = Load();
  const Identity u = User(w, "tagall");
  Status s = CreateTags(w, u, Ids({kA}), {{"aws:owner", "x"}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kInvalidParameterValue);
  s = CreateTags(w, u, Ids({kA}), {{std::string(128, 'k'), "x"}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kInvalidParameterValue);
  EXPECT_TRUE(CreateTags(w, u, Ids({kA}), {{std::string(127, 'k'), "x"}}, Env()).ok());
  EXPECT_TRUE(CreateTags(w, u, Ids({kA}), {{"Name", std::string(256, 'v')}}, Env()).ok());
  s = CreateTags(w, u, Ids({kA}), {{"Name", std::string(257, 'v')}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kInvalidParameterValue);
  s = CreateTags(w, u, Ids({kA}), {}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kMissingParameter);
  s = CreateTags(w, u, {}, {{"Name", "x"}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kMissingParameter);
  s = CreateTags(w, u, Ids({"i-nothex"}), {{"Name", "x"}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kInvalidInstanceIdMalformed);
  for (std::string_view id : {kUnknown, kOther, kWest}) {
    s = CreateTags(w, u, Ids({id}), {{"Name", "x"}}, Env());
    ASSERT_FALSE(s.ok()) << id;
    EXPECT_EQ(s.error().code, kInvalidInstanceIdNotFound) << id;
    EXPECT_EQ(s.error().message, "The instance ID '" + std::string(id) + "' does not exist");
  }
  // In its own region the us-west-2 instance is found.
  EXPECT_TRUE(CreateTags(w, u, Ids({kWest}), {{"Name", "x"}}, Env("us-west-2")).ok());
}

// EC2: at most 50 user tags per resource (TagLimitExceeded).
TEST(CreateTags, TagLimit) {
  world::World w = Load();
  std::vector<Ec2Tag> tags;
  for (int i = 0; i < 49; ++i) tags.push_back({"k" + std::to_string(i), std::string("v")});
  ASSERT_TRUE(CreateTags(w, User(w, "tagall"), Ids({kB}), tags, Env()).ok());  // Name + 49 = 50
  Status s = CreateTags(w, User(w, "tagall"), Ids({kB}), {{"one-more", "v"}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "TagLimitExceeded");
  EXPECT_EQ(TagsOf(w, kB).size(), 50u);
  // A call that fails changes nothing, also on the resources that had room.
  s = CreateTags(w, User(w, "tagall"), Ids({kA, kB}), {{"one-more", "v"}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "TagLimitExceeded");
  EXPECT_EQ(TagsOf(w, kA).count("one-more"), 0u);
}

// ---- scenario A's tag protection and the case of tag keys ----

std::string ScenarioAText() {
  const std::string file(__FILE__);
  const std::filesystem::path root(file.substr(0, file.rfind("/src/services/")));
  std::ifstream in(root / "examples" / "worlds" / "a-per-user-hosts.yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The seed's PreventTamperingWithSessionUserTags compares aws:TagKeys with
// StringEquals, which is case-sensitive, while EC2 tag keys are
// case-sensitive too (iam §8: a resource may hold both User2 and user2) and
// the tag-key part of ssm:resourceTag/User2 is matched case-insensitively
// (iam §8). So carol, denied a tag User2=carol on alice's host, may add
// user2=carol, which the StartSession Deny then reads as User2: she reaches
// the host. AWS-faithful, and what analyze's tamperable-tag finding reports
// for scenario A; StringEqualsIgnoreCase closes it.
TEST(ScenarioA, TagKeyCaseDefeatsTheSeedsTamperProtection) {
  for (const bool ignore_case : {false, true}) {
    SCOPED_TRACE(ignore_case ? "StringEqualsIgnoreCase" : "StringEquals (the seed)");
    std::string text = ScenarioAText();
    ASSERT_FALSE(text.empty());
    if (ignore_case)
      for (std::size_t at = 0; (at = text.find("ForAnyValue:StringEquals:", at)) != std::string::npos;)
        text.replace(at, 25, "ForAnyValue:StringEqualsIgnoreCase:");
    Result<world::World> loaded = world::LoadWorld(text);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    world::World& w = loaded.value();
    Result<Identity> carol = sts::SsoSignIn(w, "carol", "Developers", "111122223333", sts::CallContext{kNow, "us-east-1"});
    ASSERT_TRUE(carol.ok()) << carol.error().message;
    const std::string host = "i-0a11ce00000000001";  // User=alice
    SsmContext ctx;
    ctx.env = Env();
    EXPECT_EQ(CheckStartSession(w, *carol, StartSessionInput{host, std::nullopt, std::nullopt}, ctx).decision.outcome,
              policy::Outcome::kExplicitDeny);
    EXPECT_FALSE(CreateTags(w, *carol, {host}, {{"User2", "carol"}}, Env()).ok());
    const Status lower = CreateTags(w, *carol, {host}, {{"user2", "carol"}}, Env());
    EXPECT_EQ(lower.ok(), !ignore_case);
    const AccessCheck after = CheckStartSession(w, *carol, StartSessionInput{host, std::nullopt, std::nullopt}, ctx);
    EXPECT_EQ(after.decision.allowed(), !ignore_case) << after.message;
  }
}

// ---- DescribeInstances ----

std::vector<std::string> Described(const world::World& w, const std::vector<Ec2Filter>& filters,
                                   const std::vector<std::string>& ids = {}, std::string_view region = "us-east-1") {
  Result<std::vector<const world::Host*>> r = DescribeInstances(w, User(w, "describer"), ids, filters, Env(region));
  EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  std::vector<std::string> out;
  if (r.ok())
    for (const world::Host* h : *r) out.push_back(h->id);
  return out;
}

// EC2 DescribeInstances: the caller's account and region, EC2 instances
// only (managed instances are SSM's).
TEST(DescribeInstances, NoFilters) {
  const world::World w = Load();
  EXPECT_EQ(Described(w, {}), Ids({kA, kB, kC}));
  EXPECT_EQ(Described(w, {}, {}, "us-west-2"), Ids({kWest}));
}

// EC2's filters: tag:K (value of tag K), tag-key, tag-value, instance-id;
// several values OR, several filters AND, * and ? wildcards; tag keys are
// case-sensitive.
TEST(DescribeInstances, Filters) {
  const world::World w = Load();
  EXPECT_EQ(Described(w, {{"tag:Name", {"a"}}}), Ids({kA}));
  EXPECT_EQ(Described(w, {{"tag:Name", {"a", "b"}}}), Ids({kA, kB}));
  EXPECT_EQ(Described(w, {{"tag:Name", {"?"}}}), Ids({kA, kB, kC}));
  EXPECT_EQ(Described(w, {{"tag:name", {"a"}}}), Ids({}));
  EXPECT_EQ(Described(w, {{"tag:User", {"*"}}}), Ids({kA}));
  EXPECT_EQ(Described(w, {{"tag-key", {"Team"}}}), Ids({kC}));
  EXPECT_EQ(Described(w, {{"tag-key", {"User", "Team"}}}), Ids({kA, kC}));
  EXPECT_EQ(Described(w, {{"tag-value", {"web"}}}), Ids({kC}));
  EXPECT_EQ(Described(w, {{"tag-value", {"ali*"}}}), Ids({kA}));
  EXPECT_EQ(Described(w, {{"instance-id", {std::string(kB)}}}), Ids({kB}));
  EXPECT_EQ(Described(w, {{"tag-key", {"Name"}}, {"tag-value", {"a", "c"}}}), Ids({kA, kC}));
  EXPECT_EQ(Described(w, {{"tag-key", {"Team"}}, {"tag:Name", {"a"}}}), Ids({}));
  EXPECT_EQ(Described(w, {}, Ids({kC, kA})), Ids({kA, kC}));
  EXPECT_EQ(Described(w, {{"tag:Name", {"a"}}}, Ids({kB})), Ids({}));
}

// EC2's errors: an unknown filter name is InvalidParameterValue, an unknown
// instance id InvalidInstanceID.NotFound; iam §9.1: DescribeInstances has no
// resource type, so the denial has no "on resource:" part.
TEST(DescribeInstances, ErrorsAndAuthorisation) {
  const world::World w = Load();
  Result<std::vector<const world::Host*>> r =
      DescribeInstances(w, User(w, "describer"), {}, {{"colour", {"blue"}}}, Env());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidParameterValue);
  r = DescribeInstances(w, User(w, "describer"), Ids({kUnknown}), {}, Env());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidInstanceIdNotFound);
  r = DescribeInstances(w, User(w, "describer"), Ids({kOther}), {}, Env());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidInstanceIdNotFound);
  r = DescribeInstances(w, User(w, "describer"), Ids({kManaged}), {}, Env());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidInstanceIdMalformed);
  r = DescribeInstances(w, User(w, "nobody"), {}, {}, Env());
  ASSERT_FALSE(r.ok());
  ExpectUnauthorized(r.error(), "nobody", "ec2:DescribeInstances", "",
                     "because no identity-based policy allows the ec2:DescribeInstances action");
}

}  // namespace
}  // namespace gatehouse::services
