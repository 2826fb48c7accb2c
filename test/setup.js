process.env.CHECKPOINT_DISABLE = "1";
require("cdktf").Testing.setupJest();
