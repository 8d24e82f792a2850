// services/ec2_service.h: the EC2 calls gatehouse needs around hosts:
// CreateTags and DeleteTags (authorised per instance with aws:TagKeys,
// aws:RequestTag/K, aws:ResourceTag/K and ec2:ResourceTag/K, so that tag
// tampering can be denied), and DescribeInstances with EC2's filters
// (../shared/spec/iam-semantics.md §8, ssm-protocol.md §7.2).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "world/identity.h"
#include "world/model.h"
#include "world/principal_context.h"

namespace gatehouse::services {

inline constexpr std::string_view kUnauthorizedOperation = "UnauthorizedOperation";
inline constexpr std::string_view kInvalidInstanceIdNotFound = "InvalidInstanceID.NotFound";
inline constexpr std::string_view kInvalidInstanceIdMalformed = "InvalidInstanceID.Malformed";
inline constexpr std::string_view kInvalidParameterValue = "InvalidParameterValue";
inline constexpr std::string_view kMissingParameter = "MissingParameter";

struct Ec2Tag {
  std::string key;
  std::optional<std::string> value;  // DeleteTags: absent = any value
};

// Applies to the world's hosts (the world is the state the caller owns).
Status CreateTags(world::World& w, const world::Identity& caller, const std::vector<std::string>& resources,
                  const std::vector<Ec2Tag>& tags, const world::RequestEnvironment& env);
Status DeleteTags(world::World& w, const world::Identity& caller, const std::vector<std::string>& resources,
                  const std::vector<Ec2Tag>& tags, const world::RequestEnvironment& env);

struct Ec2Filter {
  std::string name;  // tag:K, tag-key, tag-value, instance-id
  std::vector<std::string> values;
};
Result<std::vector<const world::Host*>> DescribeInstances(const world::World& w, const world::Identity& caller,
                                                          const std::vector<std::string>& instance_ids,
                                                          const std::vector<Ec2Filter>& filters,
                                                          const world::RequestEnvironment& env);

}  // namespace gatehouse::services
