// cdktf's jest matchers (toBeValidTerraform, toPlanSuccessfully, ...), as users set them up.
require("cdktf").Testing.setupJest();
