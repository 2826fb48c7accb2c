// The runnable examples under examples/, in synth order.
module.exports = { EXAMPLES: ["basic", "protect-app"] };
