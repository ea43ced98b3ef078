/** Runs one benchmark module (argv[2]) and sends its results to the parent process. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = require(`./${process.argv[2]}`) as { run(): unknown };
process.send!(mod.run(), () => process.exit(0));
