/** Runs one benchmark module (argv[2]; its run() may return a promise) and sends its results to the parent process. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = require(`./${process.argv[2]}`) as { run(): unknown };
Promise.resolve(mod.run()).then(
  (results) => process.send!(results, () => process.exit(0)),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
