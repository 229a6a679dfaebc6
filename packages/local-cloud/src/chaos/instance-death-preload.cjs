// Preloaded (`node --require`) into serverless-offline by the local cloud when a chaos run asks
// for function instance deaths. serverless-offline runs each function instance in a worker thread,
// and workers inherit `--require`, so this also runs in every function instance — without touching
// the bundles, which stay identical to the deployed ones.
//
// Inert unless the serverless-offline process has LOCAL_CLOUD_INSTANCE_DEATH=<header>=<value>. Then
// a function instance that receives an HTTP answer carrying that header (the fault proxy marks one
// after the work was done, e.g. a DynamoDB write) exits at once, before its code sees the answer:
// the instance dies mid-invocation, after its write and before it returns, as a Lambda execution
// environment can. (Plain CommonJS: Node 20 runs `--require` preloads in worker threads, not
// `--import` ones.)
const { subscribe } = require('node:diagnostics_channel');
const { getEnvironmentData, isMainThread, setEnvironmentData } = require('node:worker_threads');

const SETTING = 'eshop.local-cloud.instance-death';
/** 128 + SIGKILL, so logs read like a killed process. */
const EXIT_CODE = 137;

if (isMainThread) {
  // A worker's process.env is the function's environment, so the setting travels this way.
  const setting = process.env.LOCAL_CLOUD_INSTANCE_DEATH;
  if (setting) setEnvironmentData(SETTING, setting);
} else {
  const setting = getEnvironmentData(SETTING);
  if (typeof setting === 'string') {
    const [header, mark] = setting.split('=');
    subscribe('http.client.response.finish', ({ response }) => {
      if (response.headers[header] === mark) process.exit(EXIT_CODE);
    });
  }
}
