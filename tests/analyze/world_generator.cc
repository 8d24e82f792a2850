// tests/analyze/world_generator.cc: the synthetic world.
#include "world_generator.h"

#include <iomanip>
#include <random>
#include <sstream>
#include <vector>

namespace gatehouse::testing {

std::string GenerateWorld(const WorldSize& size) {
  std::mt19937_64 rng(size.seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const std::vector<std::string> teams = {"red", "blue", "green", "gold"};
  const std::vector<std::string> envs = {"dev", "prod"};
  std::ostringstream y;
  y << "version: 1\nregion: us-east-1\ntime: \"2026-01-01T00:00:00Z\"\n";
  y << "aws_managed_policies:\n  ReadOnlyEc2: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: [\"ec2:Describe*\"], Resource: \"*\"}]}\n";
  y << "accounts:\n";
  y << "  \"444455556666\":\n    hosts:\n";
  for (int i = 0; i < std::max(2, size.hosts / 20); ++i)
    y << "      i-0b" << std::hex << std::setw(15) << std::setfill('0') << i << std::dec << std::setfill(' ')
      << ": {tags: {Team: red}, linux_users: [ec2-user]}\n";
  y << "  \"111122223333\":\n";
  y << "    documents:\n      SSM-SessionManagerRunShell:\n        content: {schemaVersion: \"1.0\", sessionType: Standard_Stream, "
       "inputs: {runAsEnabled: true, runAsDefaultUser: no_sudo_user}}\n";
  y << "    policies:\n";
  y << "      EnvAccess:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n"
       "            - {Effect: Allow, Action: ssm:StartSession, Resource: \"arn:aws:ec2:*:*:instance/*\", "
       "Condition: {StringEquals: {ssm:resourceTag/Env: \"${aws:PrincipalTag/Env}\"}}}\n"
       "            - {Effect: Allow, Action: [ec2:CreateTags], Resource: \"arn:aws:ec2:*:*:instance/*\"}\n";
  y << "    users:\n";
  for (int i = 0; i < size.iam_users; ++i) {
    y << "      iamuser" << i << ":\n        tags: {Env: " << envs[static_cast<std::size_t>(pick(2))];
    if (pick(2) == 0) y << ", SSMSessionRunAs: " << (pick(3) == 0 ? "root" : pick(2) ? "admin" : "nobody");
    y << "}\n        managed_policies: [EnvAccess]\n";
  }
  y << "    roles:\n      SharedDevelopers:\n        trust_policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, "
       "Principal: {AWS: \"arn:aws:iam::111122223333:user/iamuser0\"}, Action: sts:AssumeRole}]}\n"
       "        policies:\n          Hosts: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: ssm:StartSession, "
       "Resource: \"*\"}, {Effect: Deny, Action: ssm:StartSession, Resource: \"arn:aws:ec2:*:*:instance/*\", Condition: "
       "{\"Null\": {ssm:resourceTag/User: \"false\"}, StringNotLike: {aws:userid: [\"AROA*:${ssm:resourceTag/User}\"]}}}]}\n";
  y << "    hosts:\n";
  for (int i = 0; i < size.hosts; ++i) {
    y << "      i-0a" << std::hex << std::setw(15) << std::setfill('0') << i << std::dec << std::setfill(' ')
      << ":\n        tags: {";
    bool first = true;
    auto tag = [&](const std::string& k, const std::string& v) {
      y << (first ? "" : ", ") << k << ": " << v;
      first = false;
    };
    if (pick(4) != 0) tag("User", "user" + std::to_string(pick(size.sso_users)));
    if (pick(5) == 0) tag("User2", "user" + std::to_string(pick(size.sso_users)));
    tag("Team", teams[static_cast<std::size_t>(pick(4))]);
    if (pick(3) != 0) tag("Env", envs[static_cast<std::size_t>(pick(2))]);
    y << "}\n        linux_users: [ec2-user";
    if (pick(3) != 0) y << ", no_sudo_user";
    if (pick(2) == 0) y << ", admin";
    if (pick(2) == 0) y << ", readonly";
    y << "]\n";
  }
  y << "identity_center:\n  users:\n";
  for (int i = 0; i < size.sso_users; ++i)
    y << "    user" << i << ": {attributes: {Team: " << teams[static_cast<std::size_t>(pick(4))]
      << (pick(4) == 0 ? ", SSMSessionRunAs: admin" : "") << "}}\n";
  y << "  attributes_for_access_control:\n    Team: ${path:enterprise.Team}\n    SSMSessionRunAs: ${path:enterprise.SSMSessionRunAs}\n";
  y << "  permission_sets:\n";
  y << "    Developers:\n      inline_policy:\n        Version: \"2012-10-17\"\n        Statement:\n"
       "          - {Sid: AllowStartSession, Effect: Allow, Action: ssm:StartSession, Resource: \"arn:aws:ec2:*:*:instance/*\"}\n"
       "          - Sid: DenyStartSessionIfUserNotInSessionUserTags\n            Effect: Deny\n            Action: ssm:StartSession\n"
       "            Resource: \"arn:aws:ec2:*:*:instance/*\"\n            Condition:\n              \"Null\": {ssm:resourceTag/User: \"false\"}\n"
       "              StringNotLike: {aws:userid: [\"AROA*:${ssm:resourceTag/User}\", \"AROA*:${ssm:resourceTag/User2}\"]}\n";
  y << "    TeamAccess:\n      inline_policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: ssm:StartSession, "
       "Resource: \"arn:aws:ec2:*:*:instance/*\", Condition: {StringEquals: {ssm:resourceTag/Team: \"${aws:PrincipalTag/Team}\"}}}]}\n";
  y << "    Ops:\n      inline_policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: ssm:StartSession, "
       "Resource: [\"arn:aws:ec2:us-east-1:111122223333:instance/i-0a00000000000000*\", \"arn:aws:ec2:us-east-1:111122223333:instance/i-0a0000000000001?\"]}]}\n";
  y << "    ReadOnly:\n      managed_policies: [arn:aws:iam::aws:policy/ReadOnlyEc2]\n";
  y << "  assignments:\n";
  const char* sets[] = {"Developers", "TeamAccess", "Ops", "ReadOnly"};
  for (int s = 0; s < 4; ++s) {
    y << "    - {permission_set: " << sets[s] << ", account: \"111122223333\", users: [";
    bool first = true;
    for (int i = 0; i < size.sso_users; ++i) {
      if (i % 4 != s) continue;
      y << (first ? "" : ", ") << "user" << i;
      first = false;
    }
    y << "]}\n";
  }
  y << "extensions:\n  run_as_mappings:\n    - {permission_set: Ops, linux_user: admin}\n";
  return y.str();
}

}  // namespace gatehouse::testing
