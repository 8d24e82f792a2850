// sts/validation.cc: STS request validation (see validation.h).
//
// Sources and the choices made where they are silent:
//  - Constraints: boto/botocore botocore/data/sts/2011-06-15/service-2.json
//    (commit cd92077): arnType, roleSessionNameType, externalIdType,
//    roleDurationSecondsType, durationSecondsType, sessionPolicyDocumentType,
//    unrestrictedSessionPolicyDocumentType, tagKeyType, tagValueType,
//    tagListType, tagKeyListType, serialNumberType, tokenCodeType,
//    sourceIdentityType, userNameType.
//  - Wording, "; " separator, pattern-before-length order for one member and
//    '' for a sent empty string: real STS responses quoted in
//    github.com/newscorpaus/consigliere/issues/18 (AssumeRole, empty RoleArn:
//    "2 validation errors detected: Value '' at 'roleArn' ... pattern: ...+;
//    Value '' at 'roleArn' ... greater than or equal to 20") and
//    github.com/mmmorris1975/aws-runas/issues/80 (AssumeRoleWithSAML, 4
//    errors, members in model order).
//  - Missing required member: ValidationError "Value null at
//    'roleSessionName' failed to satisfy constraint: Member must not be
//    null" (github.com/aws/aws-sdk-cpp/pull/1252, a real STS answer), not
//    MissingParameter.
//  - Nested members: 'tags.5.member.value' (STS AssumeRole,
//    github.com/aws-actions/configure-aws-credentials/issues/18); by analogy
//    'policyArns.N.member.arn'.
//  - Chosen (no STS example found): a list of strings whose elements break
//    their constraints is reported once, at the list, in Coral's list form
//    "Member must satisfy constraint: [<every constraint of the element>]";
//    list values are printed like Java's List.toString ("[a, b]"), tag and
//    policy-descriptor structures like the AWS Java SDK's toString
//    ("{Key: k,Value: v}", "{Arn: a}"); PolicyArns above 10 (documented
//    limit, absent from the model) uses the ordinary list-length message.
//  - AssumeRole's Policy is unrestrictedSessionPolicyDocumentType in the
//    current model (min 1, no max; older models used the 2048-char
//    sessionPolicyDocumentType): the 2,048-character plaintext limit the
//    documentation still states is not a shape constraint any more, so it is
//    not checked here (kAssumeRolePolicyRule). GetFederationToken keeps 2048.
//  - Lengths count code points (Smithy's definition). Invalid UTF-8 never
//    satisfies a pattern (a Java service would have decoded it to U+FFFD,
//    which arnType's pattern admits; we refuse it instead) and is echoed in
//    messages as U+FFFD so the message stays valid UTF-8.
//  - arnType's pattern is read as written: "\u10000-\u10FFFF" admits the
//    supplementary planes (Java's regex engine would parse "\u1000" "0-\u10FF"
//    "FF" and refuse them; we follow the model's evident intent).
//  - SourceIdentity "must not begin with aws:": its pattern has no ':', so any
//    such value already fails the pattern and gets the pattern message; no
//    separate check or wording is needed.
//  - Tag keys equal ignoring case in one request: rejected (the docs: "you
//    cannot have separate Department and department tag keys") with
//    ValidationError and IAM's wording for the same case, "Duplicate tag keys
//    found. Please note that Tag keys are case insensitive." It runs only when
//    every shape constraint holds. Folding covers ASCII, Latin-1, Latin
//    Extended-A, Greek and Cyrillic (not full Unicode case folding).
#include "sts/validation.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <span>
#include <string>
#include <utility>

#include "common/ascii.h"
#include "common/utf8.h"

namespace gatehouse::sts {
namespace {

// ------------------------------------------------------- Unicode categories

struct CodeRange {
  char32_t lo, hi;
};

// Non-ASCII code points of general category L* (kLetters) and N* (kNumbers),
// Unicode 14.0. Generated with Python's unicodedata (3.x, Unicode 14.0):
//   for cp in 0x80..0x10FFFF with category(cp)[0] in {'L'} (resp. {'N'}),
//   emit maximal runs, merging two runs when every code point between them is
//   unassigned (Cn), which keeps the table short and only affects unassigned
//   code points. Java (AWS) uses its own Unicode version (Java 8: 6.2, 11:
//   10.0, 17: 13.0); characters assigned after it are the only difference.
// clang-format off
constexpr CodeRange kLetters[] = {
    {0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x2C1},
    {0x2C6, 0x2D1}, {0x2E0, 0x2E4}, {0x2EC, 0x2EC}, {0x2EE, 0x2EE}, {0x370, 0x374}, {0x376, 0x37D},
    {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x3F5}, {0x3F7, 0x481}, {0x48A, 0x559}, {0x560, 0x588},
    {0x5D0, 0x5F2}, {0x620, 0x64A}, {0x66E, 0x66F}, {0x671, 0x6D3}, {0x6D5, 0x6D5}, {0x6E5, 0x6E6},
    {0x6EE, 0x6EF}, {0x6FA, 0x6FC}, {0x6FF, 0x6FF}, {0x710, 0x710}, {0x712, 0x72F}, {0x74D, 0x7A5},
    {0x7B1, 0x7B1}, {0x7CA, 0x7EA}, {0x7F4, 0x7F5}, {0x7FA, 0x7FA}, {0x800, 0x815}, {0x81A, 0x81A},
    {0x824, 0x824}, {0x828, 0x828}, {0x840, 0x858}, {0x860, 0x887}, {0x889, 0x88E}, {0x8A0, 0x8C9},
    {0x904, 0x939}, {0x93D, 0x93D}, {0x950, 0x950}, {0x958, 0x961}, {0x971, 0x980}, {0x985, 0x9B9},
    {0x9BD, 0x9BD}, {0x9CE, 0x9CE}, {0x9DC, 0x9E1}, {0x9F0, 0x9F1}, {0x9FC, 0x9FC}, {0xA05, 0xA39},
    {0xA59, 0xA5E}, {0xA72, 0xA74}, {0xA85, 0xAB9}, {0xABD, 0xABD}, {0xAD0, 0xAE1}, {0xAF9, 0xAF9},
    {0xB05, 0xB39}, {0xB3D, 0xB3D}, {0xB5C, 0xB61}, {0xB71, 0xB71}, {0xB83, 0xBB9}, {0xBD0, 0xBD0},
    {0xC05, 0xC39}, {0xC3D, 0xC3D}, {0xC58, 0xC61}, {0xC80, 0xC80}, {0xC85, 0xCB9}, {0xCBD, 0xCBD},
    {0xCDD, 0xCE1}, {0xCF1, 0xCF2}, {0xD04, 0xD3A}, {0xD3D, 0xD3D}, {0xD4E, 0xD4E}, {0xD54, 0xD56},
    {0xD5F, 0xD61}, {0xD7A, 0xD7F}, {0xD85, 0xDC6}, {0xE01, 0xE30}, {0xE32, 0xE33}, {0xE40, 0xE46},
    {0xE81, 0xEB0}, {0xEB2, 0xEB3}, {0xEBD, 0xEC6}, {0xEDC, 0xF00}, {0xF40, 0xF6C}, {0xF88, 0xF8C},
    {0x1000, 0x102A}, {0x103F, 0x103F}, {0x1050, 0x1055}, {0x105A, 0x105D}, {0x1061, 0x1061},
    {0x1065, 0x1066}, {0x106E, 0x1070}, {0x1075, 0x1081}, {0x108E, 0x108E}, {0x10A0, 0x10FA},
    {0x10FC, 0x135A}, {0x1380, 0x138F}, {0x13A0, 0x13FD}, {0x1401, 0x166C}, {0x166F, 0x167F},
    {0x1681, 0x169A}, {0x16A0, 0x16EA}, {0x16F1, 0x1711}, {0x171F, 0x1731}, {0x1740, 0x1751},
    {0x1760, 0x1770}, {0x1780, 0x17B3}, {0x17D7, 0x17D7}, {0x17DC, 0x17DC}, {0x1820, 0x1884},
    {0x1887, 0x18A8}, {0x18AA, 0x191E}, {0x1950, 0x19C9}, {0x1A00, 0x1A16}, {0x1A20, 0x1A54},
    {0x1AA7, 0x1AA7}, {0x1B05, 0x1B33}, {0x1B45, 0x1B4C}, {0x1B83, 0x1BA0}, {0x1BAE, 0x1BAF},
    {0x1BBA, 0x1BE5}, {0x1C00, 0x1C23}, {0x1C4D, 0x1C4F}, {0x1C5A, 0x1C7D}, {0x1C80, 0x1CBF},
    {0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3}, {0x1CF5, 0x1CF6}, {0x1CFA, 0x1DBF}, {0x1E00, 0x1FBC},
    {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FCC}, {0x1FD0, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FFC},
    {0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C}, {0x2102, 0x2102}, {0x2107, 0x2107},
    {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126},
    {0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149},
    {0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3},
    {0x2D00, 0x2D6F}, {0x2D80, 0x2DDE}, {0x2E2F, 0x2E2F}, {0x3005, 0x3006}, {0x3031, 0x3035},
    {0x303B, 0x303C}, {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x318E},
    {0x31A0, 0x31BF}, {0x31F0, 0x31FF}, {0x3400, 0x4DBF}, {0x4E00, 0xA48C}, {0xA4D0, 0xA4FD},
    {0xA500, 0xA60C}, {0xA610, 0xA61F}, {0xA62A, 0xA66E}, {0xA67F, 0xA69D}, {0xA6A0, 0xA6E5},
    {0xA717, 0xA71F}, {0xA722, 0xA788}, {0xA78B, 0xA801}, {0xA803, 0xA805}, {0xA807, 0xA80A},
    {0xA80C, 0xA822}, {0xA840, 0xA873}, {0xA882, 0xA8B3}, {0xA8F2, 0xA8F7}, {0xA8FB, 0xA8FB},
    {0xA8FD, 0xA8FE}, {0xA90A, 0xA925}, {0xA930, 0xA946}, {0xA960, 0xA97C}, {0xA984, 0xA9B2},
    {0xA9CF, 0xA9CF}, {0xA9E0, 0xA9E4}, {0xA9E6, 0xA9EF}, {0xA9FA, 0xAA28}, {0xAA40, 0xAA42},
    {0xAA44, 0xAA4B}, {0xAA60, 0xAA76}, {0xAA7A, 0xAA7A}, {0xAA7E, 0xAAAF}, {0xAAB1, 0xAAB1},
    {0xAAB5, 0xAAB6}, {0xAAB9, 0xAABD}, {0xAAC0, 0xAAC0}, {0xAAC2, 0xAADD}, {0xAAE0, 0xAAEA},
    {0xAAF2, 0xAAF4}, {0xAB01, 0xAB5A}, {0xAB5C, 0xAB69}, {0xAB70, 0xABE2}, {0xAC00, 0xD7FB},
    {0xF900, 0xFB1D}, {0xFB1F, 0xFB28}, {0xFB2A, 0xFBB1}, {0xFBD3, 0xFD3D}, {0xFD50, 0xFDC7},
    {0xFDF0, 0xFDFB}, {0xFE70, 0xFEFC}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0xFF66, 0xFFDC},
    {0x10000, 0x100FA}, {0x10280, 0x102D0}, {0x10300, 0x1031F}, {0x1032D, 0x10340},
    {0x10342, 0x10349}, {0x10350, 0x10375}, {0x10380, 0x1039D}, {0x103A0, 0x103CF},
    {0x10400, 0x1049D}, {0x104B0, 0x10563}, {0x10570, 0x10855}, {0x10860, 0x10876},
    {0x10880, 0x1089E}, {0x108E0, 0x108F5}, {0x10900, 0x10915}, {0x10920, 0x10939},
    {0x10980, 0x109B7}, {0x109BE, 0x109BF}, {0x10A00, 0x10A00}, {0x10A10, 0x10A35},
    {0x10A60, 0x10A7C}, {0x10A80, 0x10A9C}, {0x10AC0, 0x10AC7}, {0x10AC9, 0x10AE4},
    {0x10B00, 0x10B35}, {0x10B40, 0x10B55}, {0x10B60, 0x10B72}, {0x10B80, 0x10B91},
    {0x10C00, 0x10CF2}, {0x10D00, 0x10D23}, {0x10E80, 0x10EA9}, {0x10EB0, 0x10F1C},
    {0x10F27, 0x10F45}, {0x10F70, 0x10F81}, {0x10FB0, 0x10FC4}, {0x10FE0, 0x10FF6},
    {0x11003, 0x11037}, {0x11071, 0x11072}, {0x11075, 0x11075}, {0x11083, 0x110AF},
    {0x110D0, 0x110E8}, {0x11103, 0x11126}, {0x11144, 0x11144}, {0x11147, 0x11172},
    {0x11176, 0x11176}, {0x11183, 0x111B2}, {0x111C1, 0x111C4}, {0x111DA, 0x111DA},
    {0x111DC, 0x111DC}, {0x11200, 0x1122B}, {0x11280, 0x112A8}, {0x112B0, 0x112DE},
    {0x11305, 0x11339}, {0x1133D, 0x1133D}, {0x11350, 0x11350}, {0x1135D, 0x11361},
    {0x11400, 0x11434}, {0x11447, 0x1144A}, {0x1145F, 0x114AF}, {0x114C4, 0x114C5},
    {0x114C7, 0x114C7}, {0x11580, 0x115AE}, {0x115D8, 0x115DB}, {0x11600, 0x1162F},
    {0x11644, 0x11644}, {0x11680, 0x116AA}, {0x116B8, 0x116B8}, {0x11700, 0x1171A},
    {0x11740, 0x1182B}, {0x118A0, 0x118DF}, {0x118FF, 0x1192F}, {0x1193F, 0x1193F},
    {0x11941, 0x11941}, {0x119A0, 0x119D0}, {0x119E1, 0x119E1}, {0x119E3, 0x119E3},
    {0x11A00, 0x11A00}, {0x11A0B, 0x11A32}, {0x11A3A, 0x11A3A}, {0x11A50, 0x11A50},
    {0x11A5C, 0x11A89}, {0x11A9D, 0x11A9D}, {0x11AB0, 0x11C2E}, {0x11C40, 0x11C40},
    {0x11C72, 0x11C8F}, {0x11D00, 0x11D30}, {0x11D46, 0x11D46}, {0x11D60, 0x11D89},
    {0x11D98, 0x11D98}, {0x11EE0, 0x11EF2}, {0x11FB0, 0x11FB0}, {0x12000, 0x12399},
    {0x12480, 0x12FF0}, {0x13000, 0x1342E}, {0x14400, 0x16A5E}, {0x16A70, 0x16ABE},
    {0x16AD0, 0x16AED}, {0x16B00, 0x16B2F}, {0x16B40, 0x16B43}, {0x16B63, 0x16E7F},
    {0x16F00, 0x16F4A}, {0x16F50, 0x16F50}, {0x16F93, 0x16FE1}, {0x16FE3, 0x16FE3},
    {0x17000, 0x1BC99}, {0x1D400, 0x1D6C0}, {0x1D6C2, 0x1D6DA}, {0x1D6DC, 0x1D6FA},
    {0x1D6FC, 0x1D714}, {0x1D716, 0x1D734}, {0x1D736, 0x1D74E}, {0x1D750, 0x1D76E},
    {0x1D770, 0x1D788}, {0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2}, {0x1D7C4, 0x1D7CB},
    {0x1DF00, 0x1DF1E}, {0x1E100, 0x1E12C}, {0x1E137, 0x1E13D}, {0x1E14E, 0x1E14E},
    {0x1E290, 0x1E2AD}, {0x1E2C0, 0x1E2EB}, {0x1E7E0, 0x1E8C4}, {0x1E900, 0x1E943},
    {0x1E94B, 0x1E94B}, {0x1EE00, 0x1EEBB}, {0x20000, 0x3134A},
};
constexpr CodeRange kNumbers[] = {
    {0xB2, 0xB3}, {0xB9, 0xB9}, {0xBC, 0xBE}, {0x660, 0x669}, {0x6F0, 0x6F9}, {0x7C0, 0x7C9},
    {0x966, 0x96F}, {0x9E6, 0x9EF}, {0x9F4, 0x9F9}, {0xA66, 0xA6F}, {0xAE6, 0xAEF}, {0xB66, 0xB6F},
    {0xB72, 0xB77}, {0xBE6, 0xBF2}, {0xC66, 0xC6F}, {0xC78, 0xC7E}, {0xCE6, 0xCEF}, {0xD58, 0xD5E},
    {0xD66, 0xD78}, {0xDE6, 0xDEF}, {0xE50, 0xE59}, {0xED0, 0xED9}, {0xF20, 0xF33},
    {0x1040, 0x1049}, {0x1090, 0x1099}, {0x1369, 0x137C}, {0x16EE, 0x16F0}, {0x17E0, 0x17F9},
    {0x1810, 0x1819}, {0x1946, 0x194F}, {0x19D0, 0x19DA}, {0x1A80, 0x1A99}, {0x1B50, 0x1B59},
    {0x1BB0, 0x1BB9}, {0x1C40, 0x1C49}, {0x1C50, 0x1C59}, {0x2070, 0x2070}, {0x2074, 0x2079},
    {0x2080, 0x2089}, {0x2150, 0x2182}, {0x2185, 0x2189}, {0x2460, 0x249B}, {0x24EA, 0x24FF},
    {0x2776, 0x2793}, {0x2CFD, 0x2CFD}, {0x3007, 0x3007}, {0x3021, 0x3029}, {0x3038, 0x303A},
    {0x3192, 0x3195}, {0x3220, 0x3229}, {0x3248, 0x324F}, {0x3251, 0x325F}, {0x3280, 0x3289},
    {0x32B1, 0x32BF}, {0xA620, 0xA629}, {0xA6E6, 0xA6EF}, {0xA830, 0xA835}, {0xA8D0, 0xA8D9},
    {0xA900, 0xA909}, {0xA9D0, 0xA9D9}, {0xA9F0, 0xA9F9}, {0xAA50, 0xAA59}, {0xABF0, 0xABF9},
    {0xFF10, 0xFF19}, {0x10107, 0x10133}, {0x10140, 0x10178}, {0x1018A, 0x1018B},
    {0x102E1, 0x102FB}, {0x10320, 0x10323}, {0x10341, 0x10341}, {0x1034A, 0x1034A},
    {0x103D1, 0x103D5}, {0x104A0, 0x104A9}, {0x10858, 0x1085F}, {0x10879, 0x1087F},
    {0x108A7, 0x108AF}, {0x108FB, 0x108FF}, {0x10916, 0x1091B}, {0x109BC, 0x109BD},
    {0x109C0, 0x109FF}, {0x10A40, 0x10A48}, {0x10A7D, 0x10A7E}, {0x10A9D, 0x10A9F},
    {0x10AEB, 0x10AEF}, {0x10B58, 0x10B5F}, {0x10B78, 0x10B7F}, {0x10BA9, 0x10BAF},
    {0x10CFA, 0x10CFF}, {0x10D30, 0x10E7E}, {0x10F1D, 0x10F26}, {0x10F51, 0x10F54},
    {0x10FC5, 0x10FCB}, {0x11052, 0x1106F}, {0x110F0, 0x110F9}, {0x11136, 0x1113F},
    {0x111D0, 0x111D9}, {0x111E1, 0x111F4}, {0x112F0, 0x112F9}, {0x11450, 0x11459},
    {0x114D0, 0x114D9}, {0x11650, 0x11659}, {0x116C0, 0x116C9}, {0x11730, 0x1173B},
    {0x118E0, 0x118F2}, {0x11950, 0x11959}, {0x11C50, 0x11C6C}, {0x11D50, 0x11D59},
    {0x11DA0, 0x11DA9}, {0x11FC0, 0x11FD4}, {0x12400, 0x1246E}, {0x16A60, 0x16A69},
    {0x16AC0, 0x16AC9}, {0x16B50, 0x16B61}, {0x16E80, 0x16E96}, {0x1D2E0, 0x1D2F3},
    {0x1D360, 0x1D378}, {0x1D7CE, 0x1D7FF}, {0x1E140, 0x1E149}, {0x1E2F0, 0x1E2F9},
    {0x1E8C7, 0x1E8CF}, {0x1E950, 0x1E959}, {0x1EC71, 0x1ECAB}, {0x1ECAD, 0x1ECAF},
    {0x1ECB1, 0x1ED2D}, {0x1ED2F, 0x1ED3D}, {0x1F100, 0x1F10C}, {0x1FBF0, 0x1FBF9},
};
// clang-format on

bool InTable(std::span<const CodeRange> table, char32_t cp) {
  const auto it = std::upper_bound(table.begin(), table.end(), cp,
                                   [](char32_t c, const CodeRange& r) { return c < r.lo; });
  return it != table.begin() && cp <= std::prev(it)->hi;
}

// ------------------------------------------------------------- Constraints

enum class Charset {
  kSessionName,   // [\w+=,.@-]
  kExternalId,    // [\w+=,.@:\/-]
  kSerialNumber,  // [\w+=/:,.@-]
  kDigits,        // [\d]
  kPolicy,        // [\u0009\u000A\u000D\u0020-\u00FF]
  kArn,           // arnType's class
  kTag,           // [\p{L}\p{Z}\p{N}_.:/=+\-@]
};

// One string member's shape: length bounds (code points) and its pattern,
// a single character class repeated '*' or '+'.
struct StringRule {
  std::size_t min_len;
  std::size_t max_len;  // 0: no maximum
  Charset charset;
  bool pattern_needs_one;    // the pattern ends in '+'
  std::string_view pattern;  // as AWS prints it
};

constexpr std::string_view kArnPattern =
    R"([\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+)";
constexpr std::string_view kPolicyPattern = R"([\u0009\u000A\u000D\u0020-\u00FF]+)";
constexpr std::string_view kTagKeyPattern = R"([\p{L}\p{Z}\p{N}_.:/=+\-@]+)";
constexpr std::string_view kTagValuePattern = R"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)";
constexpr std::string_view kNamePattern = R"([\w+=,.@-]*)";

constexpr StringRule kArnRule{20, 2048, Charset::kArn, true, kArnPattern};
constexpr StringRule kRoleSessionNameRule{2, 64, Charset::kSessionName, false, kNamePattern};
constexpr StringRule kSourceIdentityRule{2, 64, Charset::kSessionName, false, kNamePattern};
constexpr StringRule kFederatedNameRule{2, 32, Charset::kSessionName, false, kNamePattern};
constexpr StringRule kExternalIdRule{2, 1224, Charset::kExternalId, false, R"([\w+=,.@:\/-]*)"};
constexpr StringRule kSerialNumberRule{9, 256, Charset::kSerialNumber, false, R"([\w+=/:,.@-]*)"};
constexpr StringRule kTokenCodeRule{6, 6, Charset::kDigits, false, R"([\d]*)"};
constexpr StringRule kSessionPolicyRule{1, 2048, Charset::kPolicy, true, kPolicyPattern};
// AssumeRole.Policy: unrestrictedSessionPolicyDocumentType (see the header
// comment). Set max_len to 2048 to restore the documented plaintext limit.
constexpr StringRule kAssumeRolePolicyRule{1, 0, Charset::kPolicy, true, kPolicyPattern};
constexpr StringRule kTagKeyRule{1, 128, Charset::kTag, true, kTagKeyPattern};
constexpr StringRule kTagValueRule{0, 256, Charset::kTag, false, kTagValuePattern};

constexpr std::int64_t kMinDuration = 900;
constexpr std::int64_t kMaxRoleDuration = 43200;      // roleDurationSecondsType
constexpr std::int64_t kMaxSessionDuration = 129600;  // durationSecondsType
constexpr std::size_t kMaxTags = 50;                  // tagListType, tagKeyListType
constexpr std::size_t kMaxPolicyArns = 10;            // documented, not in the model

bool IsWord(char32_t cp) {
  return cp < 0x80 && (ascii::IsAlnum(static_cast<char>(cp)) || cp == '_');
}

bool InAscii(char32_t cp, std::string_view set) {
  return cp != 0 && cp < 0x80 && set.find(static_cast<char>(cp)) != std::string_view::npos;
}

bool Allowed(Charset cs, char32_t cp) {
  switch (cs) {
    case Charset::kSessionName:
      return IsWord(cp) || InAscii(cp, "+=,.@-");
    case Charset::kExternalId:
      return IsWord(cp) || InAscii(cp, "+=,.@:/-");
    case Charset::kSerialNumber:
      return IsWord(cp) || InAscii(cp, "+=/:,.@-");
    case Charset::kDigits:
      return cp >= '0' && cp <= '9';
    case Charset::kPolicy:
      return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF);
    case Charset::kArn:
      return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
             (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
             (cp >= 0x10000 && cp <= 0x10FFFF);
    case Charset::kTag:
      return IsUnicodeLetter(cp) || IsUnicodeNumber(cp) || IsUnicodeSeparator(cp) || InAscii(cp, "_.:/=+-@");
  }
  return false;
}

struct Scan {
  std::size_t length = 0;  // code points (each malformed byte counts one)
  bool chars_ok = true;    // every code point is in the class, no malformed UTF-8
};

Scan ScanString(std::string_view s, Charset cs) {
  Scan r;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const std::int32_t cp = utf8::Decode(s, i, len);
    ++r.length;
    if (cp < 0 || !Allowed(cs, static_cast<char32_t>(cp))) r.chars_ok = false;
    i += len;
  }
  return r;
}

bool PatternHolds(const Scan& sc, const StringRule& rule) {
  return sc.chars_ok && (!rule.pattern_needs_one || sc.length > 0);
}

bool Satisfies(std::string_view s, const StringRule& rule) {
  const Scan sc = ScanString(s, rule.charset);
  return PatternHolds(sc, rule) && sc.length >= rule.min_len &&
         (rule.max_len == 0 || sc.length <= rule.max_len);
}

// ------------------------------------------------------------ Echoed values

// The value as it appears in a message: the text itself, malformed UTF-8
// replaced by U+FFFD.
void AppendShown(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    if (utf8::Decode(s, i, len) < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
}

std::string Shown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendShown(out, s);
  return out;
}

std::string ShownList(std::span<const std::string> items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ", ";
    AppendShown(out, items[i]);
  }
  out += "]";
  return out;
}

std::string ShownTags(std::span<const Tag> tags) {
  std::string out = "[";
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i != 0) out += ", ";
    out += "{Key: ";
    AppendShown(out, tags[i].key);
    out += ",Value: ";
    AppendShown(out, tags[i].value);
    out += "}";
  }
  out += "]";
  return out;
}

std::string ShownPolicyArns(std::span<const std::string> arns) {
  std::string out = "[";
  for (std::size_t i = 0; i < arns.size(); ++i) {
    if (i != 0) out += ", ";
    out += "{Arn: ";
    AppendShown(out, arns[i]);
    out += "}";
  }
  out += "]";
  return out;
}

std::string ListPath(std::string_view list, std::size_t index, std::string_view field) {
  std::string path(list);
  path += '.';
  path += std::to_string(index + 1);
  path += ".member.";
  path += field;
  return path;
}

// --------------------------------------------------------------- Collector

class Violations {
 public:
  void Null(std::string_view path) {
    std::string v = "Value null at '";
    v += path;
    v += "' failed to satisfy constraint: Member must not be null";
    items_.push_back(std::move(v));
  }

  void Add(std::string_view shown, std::string_view path, std::string_view constraint) {
    std::string v = "Value '";
    v += shown;
    v += "' at '";
    v += path;
    v += "' failed to satisfy constraint: ";
    v += constraint;
    items_.push_back(std::move(v));
  }

  // Pattern first, then length: the order of the real roleArn example.
  void String(std::string_view value, std::string_view path, const StringRule& rule) {
    const Scan sc = ScanString(value, rule.charset);
    const bool pattern_ok = PatternHolds(sc, rule);
    const bool too_short = sc.length < rule.min_len;
    const bool too_long = rule.max_len != 0 && sc.length > rule.max_len;
    if (pattern_ok && !too_short && !too_long) return;
    const std::string shown = Shown(value);
    if (!pattern_ok) {
      Add(shown, path, std::string("Member must satisfy regular expression pattern: ") += rule.pattern);
    }
    if (too_short) Add(shown, path, MinLength(rule.min_len));
    if (too_long) Add(shown, path, MaxLength(rule.max_len));
  }

  void Optional(const std::optional<std::string>& value, std::string_view path, const StringRule& rule) {
    if (value) String(*value, path, rule);
  }

  void Required(bool given, std::string_view value, std::string_view path, const StringRule& rule) {
    if (!given) {
      Null(path);
    } else {
      String(value, path, rule);
    }
  }

  void Duration(const std::optional<std::int64_t>& value, std::int64_t max) {
    if (!value) return;
    const std::string shown = std::to_string(*value);
    if (*value < kMinDuration) {
      Add(shown, "durationSeconds",
          "Member must have value greater than or equal to " + std::to_string(kMinDuration));
    }
    if (*value > max) {
      Add(shown, "durationSeconds", "Member must have value less than or equal to " + std::to_string(max));
    }
  }

  void PolicyArns(std::span<const std::string> arns) {
    if (arns.size() > kMaxPolicyArns) Add(ShownPolicyArns(arns), "policyArns", MaxLength(kMaxPolicyArns));
    for (std::size_t i = 0; i < arns.size(); ++i) String(arns[i], ListPath("policyArns", i, "arn"), kArnRule);
  }

  void Tags(std::span<const Tag> tags) {
    if (tags.size() > kMaxTags) Add(ShownTags(tags), "tags", MaxLength(kMaxTags));
    for (std::size_t i = 0; i < tags.size(); ++i) {
      String(tags[i].key, ListPath("tags", i, "key"), kTagKeyRule);
      String(tags[i].value, ListPath("tags", i, "value"), kTagValueRule);
    }
  }

  // A list of tag keys: its length, then its elements, reported once at the
  // list with every constraint of the element shape.
  void TagKeyList(std::span<const std::string> keys, std::string_view path) {
    if (keys.size() > kMaxTags) Add(ShownList(keys), path, MaxLength(kMaxTags));
    const bool members_ok =
        std::all_of(keys.begin(), keys.end(), [](const std::string& k) { return Satisfies(k, kTagKeyRule); });
    if (!members_ok) {
      std::string c = "Member must satisfy constraint: [";
      c += MaxLength(kTagKeyRule.max_len);
      c += ", ";
      c += MinLength(kTagKeyRule.min_len);
      c += ", Member must satisfy regular expression pattern: ";
      c += kTagKeyRule.pattern;
      c += ", Member must not be null]";
      Add(ShownList(keys), path, c);
    }
  }

  bool empty() const { return items_.empty(); }
  Status Finish() const { return items_.empty() ? Status::Ok() : Status(MakeValidationError(items_)); }

 private:
  static std::string MinLength(std::size_t n) {
    return "Member must have length greater than or equal to " + std::to_string(n);
  }
  static std::string MaxLength(std::size_t n) {
    return "Member must have length less than or equal to " + std::to_string(n);
  }

  std::vector<std::string> items_;
};

// --------------------------------------------------- Duplicate tag keys

// Simple lower-casing of one code point: ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic (what Java's Character.toLowerCase does there).
char32_t FoldCase(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x130) return 'i';
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c == 0x3C2) return 0x3C3;  // final sigma
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

std::u32string FoldedKey(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const std::int32_t cp = utf8::Decode(s, i, len);
    out.push_back(cp < 0 ? char32_t{0xFFFD} : FoldCase(static_cast<char32_t>(cp)));
    i += len;
  }
  return out;
}

Status CheckDuplicateTagKeys(std::span<const Tag> tags) {
  std::vector<std::u32string> folded;
  folded.reserve(tags.size());
  for (const Tag& t : tags) folded.push_back(FoldedKey(t.key));
  std::sort(folded.begin(), folded.end());
  if (std::adjacent_find(folded.begin(), folded.end()) != folded.end()) {
    return MakeError("ValidationError",
                     "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }
  return Status::Ok();
}

}  // namespace

// ------------------------------------------------------------------- Public

bool IsUnicodeLetter(char32_t cp) {
  if (cp < 0x80) return ascii::IsAlpha(static_cast<char>(cp));
  return InTable(kLetters, cp);
}

bool IsUnicodeNumber(char32_t cp) {
  if (cp < 0x80) return ascii::IsDigit(static_cast<char>(cp));
  return InTable(kNumbers, cp);
}

bool IsUnicodeSeparator(char32_t cp) {
  return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool IsValidRoleSessionName(std::string_view s) {
  return Satisfies(s, kRoleSessionNameRule);
}
bool IsValidTagKey(std::string_view s) {
  return Satisfies(s, kTagKeyRule);
}
bool IsValidTagValue(std::string_view s) {
  return Satisfies(s, kTagValueRule);
}

Error MakeValidationError(std::span<const std::string> violations) {
  std::string msg = std::to_string(violations.size());
  msg += violations.size() == 1 ? " validation error detected: " : " validation errors detected: ";
  for (std::size_t i = 0; i < violations.size(); ++i) {
    if (i != 0) msg += "; ";
    msg += violations[i];
  }
  return MakeError("ValidationError", std::move(msg));
}

// Members in the order of AssumeRoleRequest in the model.
Status ValidateAssumeRole(const AssumeRoleParams& p) {
  Violations v;
  v.Required(p.role_arn_given, p.role_arn, "roleArn", kArnRule);
  v.Required(p.role_session_name_given, p.role_session_name, "roleSessionName", kRoleSessionNameRule);
  v.PolicyArns(p.policy_arns);
  v.Optional(p.policy, "policy", kAssumeRolePolicyRule);
  v.Duration(p.duration_seconds, kMaxRoleDuration);
  v.Tags(p.tags);
  v.TagKeyList(p.transitive_tag_keys, "transitiveTagKeys");
  v.Optional(p.external_id, "externalId", kExternalIdRule);
  v.Optional(p.serial_number, "serialNumber", kSerialNumberRule);
  v.Optional(p.token_code, "tokenCode", kTokenCodeRule);
  v.Optional(p.source_identity, "sourceIdentity", kSourceIdentityRule);
  if (!v.empty()) return v.Finish();
  return CheckDuplicateTagKeys(p.tags);
}

Status ValidateGetSessionToken(const GetSessionTokenParams& p) {
  Violations v;
  v.Duration(p.duration_seconds, kMaxSessionDuration);
  v.Optional(p.serial_number, "serialNumber", kSerialNumberRule);
  v.Optional(p.token_code, "tokenCode", kTokenCodeRule);
  return v.Finish();
}

Status ValidateGetFederationToken(const GetFederationTokenParams& p) {
  Violations v;
  v.Required(p.name_given, p.name, "name", kFederatedNameRule);
  v.Optional(p.policy, "policy", kSessionPolicyRule);
  v.PolicyArns(p.policy_arns);
  v.Duration(p.duration_seconds, kMaxSessionDuration);
  v.Tags(p.tags);
  if (!v.empty()) return v.Finish();
  return CheckDuplicateTagKeys(p.tags);
}

}  // namespace gatehouse::sts
