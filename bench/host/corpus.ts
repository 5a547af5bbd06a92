// The host bench's workspaces, written by its harness (bench/host.mjs) through this bundle: the
// same generated records as `npm run bench`, so the two benches' figures describe the same files.
export { writeBenchCorpus } from '../benchCorpus';
