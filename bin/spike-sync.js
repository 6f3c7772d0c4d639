#!/usr/bin/env node
import { exitLoudlyIfStalled, exitLoudlyOnCrash, runCli } from '../dist/main.js';

exitLoudlyOnCrash();
const pending = runCli(process.argv.slice(2));
exitLoudlyIfStalled(pending, process.stderr);
process.exitCode = await pending;
