export { discover, DiscoverOptions } from "./collect";
export { diagnose } from "./findings";
export { DiscoverError } from "./http";
export * from "./model";
export { generateProgram, ProgramOptions } from "./program";
export { main } from "./cli";
