#!/usr/bin/env node
import { exitLoudlyIfStalled, runCli } from '../dist/main.js';

const pending = runCli(process.argv.slice(2));
exitLoudlyIfStalled(pending, process.stderr);
process.exitCode = await pending;
