#!/usr/bin/env -S node --max-semi-space-size=4
// The `gazette` command: brings the bundle in dist/ up to date with src/ (see scripts/build.mjs), then runs it in this process.
import { pathToFileURL } from 'node:url';
import { buildIfStale, bundleFile } from '../scripts/build.mjs';

await buildIfStale({ quiet: true });
await import(pathToFileURL(bundleFile).href);
