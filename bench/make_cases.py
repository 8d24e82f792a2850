#!/usr/bin/env python3
"""bench/make_cases.py: writes the benchmark case files in bench/cases/.

seed000.jsonl   the seed-000 policy pair (Null-guarded Deny with StringNotLike
                over ${ssm:resourceTag/User} plus an Allow) deciding
                ssm:StartSession for several callers and hosts.
realistic.jsonl 20 identity policies, 200 statements in all, with wildcards
                and conditions, deciding a mix of requests.
Deterministic: the same files on every run (random.Random(2026)).
"""
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "cases"
ACCT = "111122223333"

SEED_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyStartSessionIfUserNotInSessionUserTags",
            "Effect": "Deny",
            "Action": "ssm:StartSession",
            "Resource": "arn:aws:ec2:*:*:instance/*",
            "Condition": {
                "Null": {"ssm:resourceTag/User": "false"},
                "StringNotLike": {"aws:userid": ["AROA*:${ssm:resourceTag/User}", "AROA*:${ssm:resourceTag/User2}"]},
            },
        },
        {
            "Sid": "AllowStartSession",
            "Effect": "Allow",
            "Action": "ssm:StartSession",
            "Resource": ["arn:aws:ec2:*:*:instance/*", "arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell"],
        },
    ],
}


def seed_cases():
    hosts = [("i-0a11ce00000000001", {"User": "alice"}), ("i-0a11ce00000000002", {"User": "alice", "User2": "bob"}),
             ("i-0a11ce00000000003", {}), ("i-0a11ce00000000004", {"User2": "bob"})]
    for user in ["alice", "bob", "carol"]:
        for iid, tags in hosts:
            ctx = {"aws:userid": f"AROAEXAMPLEDEVROLE01:{user}"}
            for k, v in tags.items():
                ctx[f"ssm:resourceTag/{k}"] = v
            yield {
                "name": f"{user}-{iid}",
                "policies": {"identity": [{"name": "DevelopersPermissionSet", "document": SEED_POLICY}]},
                "request": {
                    "principal": f"arn:aws:sts::{ACCT}:assumed-role/AWSReservedSSO_Developers_0123456789abcdef/{user}",
                    "action": "ssm:StartSession",
                    "resource": f"arn:aws:ec2:us-east-1:{ACCT}:instance/{iid}",
                    "context": ctx,
                },
            }


SERVICES = {
    "s3": ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetBucketPolicy"],
    "ec2": ["DescribeInstances", "StartInstances", "StopInstances", "CreateTags", "DeleteTags", "RunInstances"],
    "ssm": ["StartSession", "TerminateSession", "ResumeSession", "DescribeSessions", "GetDocument", "SendCommand"],
    "iam": ["GetUser", "ListUsers", "CreateAccessKey", "ListAccessKeys", "PassRole"],
    "dynamodb": ["GetItem", "PutItem", "Query", "Scan"],
    "kms": ["Decrypt", "Encrypt", "GenerateDataKey"],
    "logs": ["CreateLogStream", "PutLogEvents", "DescribeLogGroups"],
    "sts": ["AssumeRole", "TagSession", "GetCallerIdentity"],
}
RESOURCES = {
    "s3": ["arn:aws:s3:::app-{n}/*", "arn:aws:s3:::app-{n}", "arn:aws:s3:::shared-*/${aws:username}/*"],
    "ec2": ["arn:aws:ec2:us-east-1:" + ACCT + ":instance/*", "arn:aws:ec2:*:*:instance/i-0{n}*"],
    "ssm": ["arn:aws:ec2:*:*:instance/*", "arn:aws:ssm:*:*:document/SSM-*", "arn:aws:ssm:us-east-1:" + ACCT + ":session/${aws:username}-*"],
    "iam": ["arn:aws:iam::" + ACCT + ":user/${aws:username}", "arn:aws:iam::" + ACCT + ":role/app-{n}-*"],
    "dynamodb": ["arn:aws:dynamodb:us-east-1:" + ACCT + ":table/t{n}", "arn:aws:dynamodb:*:*:table/shared-*"],
    "kms": ["arn:aws:kms:us-east-1:" + ACCT + ":key/*"],
    "logs": ["arn:aws:logs:*:*:log-group:/app/{n}:*"],
    "sts": ["arn:aws:iam::*:role/deploy-*"],
}


def condition(rng):
    choice = rng.randrange(8)
    if choice == 0:
        return {"StringEquals": {"aws:ResourceTag/team": rng.choice(["red", "blue", "green"])}}
    if choice == 1:
        return {"StringLike": {"aws:PrincipalTag/project": ["proj-*", "shared"]}}
    if choice == 2:
        return {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    if choice == 3:
        return {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}
    if choice == 4:
        return {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}
    if choice == 5:
        return {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env", "owner"]}}
    if choice == 6:
        return {"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}
    return {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}


def statement(rng, sid):
    svc = rng.choice(list(SERVICES))
    acts = rng.sample(SERVICES[svc], k=min(len(SERVICES[svc]), rng.randint(1, 3)))
    if rng.random() < 0.25:
        acts = [f"{svc}:{a[:3]}*" for a in acts]
    else:
        acts = [f"{svc}:{a}" for a in acts]
    res = [r.replace("{n}", str(rng.randint(1, 40))) for r in rng.sample(RESOURCES[svc], k=1)]
    st = {"Sid": f"S{sid}", "Effect": "Deny" if rng.random() < 0.1 else "Allow", "Action": acts, "Resource": res}
    if rng.random() < 0.6:
        cond = {}
        for _ in range(rng.randint(1, 2)):
            for op, kv in condition(rng).items():
                cond.setdefault(op, {}).update(kv)
        st["Condition"] = cond
    return st


def realistic_cases():
    rng = random.Random(2026)
    policies = []
    sid = 0
    for p in range(20):
        stmts = []
        for _ in range(10):
            stmts.append(statement(rng, sid))
            sid += 1
        policies.append({"name": f"Team{p:02d}", "document": {"Version": "2012-10-17", "Statement": stmts}})
    requests = [
        ("s3:GetObject", "arn:aws:s3:::app-7/reports/q1.csv"),
        ("ec2:StartInstances", f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-0123456789abcdef0"),
        ("ssm:StartSession", f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-0a11ce00000000001"),
        ("iam:ListAccessKeys", f"arn:aws:iam::{ACCT}:user/alice"),
        ("dynamodb:Query", f"arn:aws:dynamodb:us-east-1:{ACCT}:table/t12"),
        ("kms:Decrypt", f"arn:aws:kms:us-east-1:{ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("logs:PutLogEvents", f"arn:aws:logs:us-east-1:{ACCT}:log-group:/app/3:log-stream:x"),
        ("sqs:SendMessage", f"arn:aws:sqs:us-east-1:{ACCT}:queue1"),
    ]
    for i, (action, resource) in enumerate(requests):
        yield {
            "name": f"realistic-{i}-{action}",
            "policies": {"identity": policies},
            "request": {
                "principal": f"arn:aws:iam::{ACCT}:user/alice",
                "action": action,
                "resource": resource,
                "context": {
                    "aws:PrincipalTag/project": "proj-x",
                    "aws:MultiFactorAuthPresent": True,
                    "aws:SourceIp": "203.0.113.9",
                    "aws:CurrentTime": "2026-11-27T12:00:00Z",
                    "aws:RequestedRegion": "us-east-1",
                    "aws:ResourceTag/team": "blue",
                    "aws:ResourceTag/owner": "alice",
                },
            },
        }


def main():
    OUT.mkdir(exist_ok=True)
    for name, gen in [("seed000.jsonl", seed_cases), ("realistic.jsonl", realistic_cases)]:
        with open(OUT / name, "w") as f:
            for case in gen():
                f.write(json.dumps(case, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
