// Runs before any module loads: cdktf reads TERRAFORM_BINARY_NAME when it is
// first required, and its Testing matchers use that binary.
process.env.CHECKPOINT_DISABLE = "1";
const { readFileSync, existsSync } = require("node:fs");
const { join } = require("node:path");
const file = join(__dirname, "..", "..", ".e2e", "providers.env");
if (existsSync(file)) {
  const m = /^TERRAFORM_BINARY_NAME=(.*)$/m.exec(readFileSync(file, "utf8"));
  if (m && m[1] && !process.env.TERRAFORM_BINARY_NAME) process.env.TERRAFORM_BINARY_NAME = m[1];
}
