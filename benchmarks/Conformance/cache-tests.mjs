// Helper of cache-tests.sh. It drives the http-cache-tests npm package that the script installs in a scratch
// folder (PKG below); nothing of that suite is copied here, its own modules are imported from PKG.
//
//   node cache-tests.mjs origin PKG                   the suite's origin server (server/server.mjs), bound to 127.0.0.1;
//                                                     port from npm_config_port as in its package.json (0: any free port)
//   node cache-tests.mjs run PKG BASE ORIGIN [ID]     the suite's client as its cli.mjs runs it (JSON results on stdout, or
//                                                     one test with its dump), except that the harness's own PUT /config/
//                                                     and GET /state/ requests go straight to ORIGIN instead of via BASE
//   node cache-tests.mjs has PKG ID                   exit 0 when the suite has a test of that id
//   node cache-tests.mjs score PKG RESULTS [NAME]     the score table and the failing required tests

import net from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const [command, pkg, ...rest] = process.argv.slice(2)
if (!command || !pkg) {
  console.error('usage: node cache-tests.mjs origin|run|has|score PKG ...')
  process.exit(2)
}
const load = async file => import(pathToFileURL(path.join(pkg, file)).href)

// The tests the suite's cli.mjs runs: tests/index.mjs plus the Surrogate-Control suite it appends (as cache-tests.fyi
// does), less the browser-only tests, which the CLI skips.
async function suites () {
  const tests = (await load('tests/index.mjs')).default
  tests.push((await load('tests/surrogate-control.mjs')).default)
  return tests
}

function find (testSuites, id) {
  for (const suite of testSuites) {
    for (const test of suite.tests) {
      if (test.id === id) return { suite, test }
    }
  }
  return null
}

if (command === 'origin') {
  // server.mjs calls server.listen(port) on every interface; keep it on loopback.
  const listen = net.Server.prototype.listen
  net.Server.prototype.listen = function (port, ...args) {
    return /^[0-9]+$/.test(String(port)) ? listen.call(this, Number(port), '127.0.0.1', ...args) : listen.call(this, port, ...args)
  }
  await load('server/server.mjs')
} else if (command === 'has') {
  process.exit(find(await suites(), rest[0]) ? 0 : 1)
} else if (command === 'run') {
  await run(...rest)
} else if (command === 'score') {
  await score(...rest)
} else {
  console.error(`unknown command ${command}`)
  process.exit(2)
}

async function run (base, origin, id = '') {
  const { runTests, getResults } = await load('client/runner.mjs')
  const display = await load('lib/display.mjs')
  const nodeFetch = createRequire(path.join(pkg, 'package.json'))('node-fetch')
  const testSuites = await suites()
  // The client puts each test's configuration with PUT {base}/config/{uuid} and reads what the origin saw with
  // GET {base}/state/{uuid}; those two go to the origin itself, the test requests ({base}/test/...) through the cache.
  // node-fetch 2 has no time limit of its own: one hung request would hang the whole run, so each gets 60 s.
  const fetch = (url, init = {}) => {
    for (const control of ['/config/', '/state/']) {
      if (url.startsWith(base + control)) url = origin + url.slice(base.length)
    }
    return nodeFetch(url, { timeout: 60000, ...init })
  }
  let testsToRun = testSuites
  if (id) {
    const found = find(testSuites, id)
    if (!found) throw new Error(`no test ${id}`)
    found.test.dump = true
    testsToRun = [{ name: found.suite.name, id: found.suite.id, description: found.suite.description, tests: [found.test] }]
    console.log(`Running ${id}`)
  }
  await runTests(testsToRun, fetch, false, base)
  const results = getResults()
  if (id) {
    console.log('==== Results')
    console.log(`${display.determineTestResult(testSuites, id, results, false)[2]} - ${results[id][1] || ''}`)
  } else {
    console.log(JSON.stringify(results, null, 2))
  }
}

async function score (resultsFile, name = 'MediaEdge') {
  const { determineTestResult } = await load('lib/display.mjs')
  const testSuites = await suites()
  const symbols = {
    '✅': 'pass', '⛔️': 'fail', '⚠️': 'optional_fail', Y: 'yes', N: 'no', '🔹': 'setup_fail',
    '⁉️': 'harness_fail', '⚪️': 'dependency_fail', '↻': 'retry', '-': 'untested'
  }
  const list = []
  for (const suite of testSuites) {
    for (const test of suite.tests) {
      if (test.browser_only === true) continue
      list.push({ suite, test, kind: test.kind === undefined ? 'required' : test.kind })
    }
  }
  const read = file => JSON.parse(fs.readFileSync(file, 'utf8'))
  const impls = [
    { name, results: read(resultsFile) },
    { name: 'nginx', results: read(path.join(pkg, 'results/nginx.json')) },
    { name: 'varnish', results: read(path.join(pkg, 'results/varnish.json')) }
  ]
  // How cache-tests.fyi shows a result: a test whose dependency did not pass is shown as a dependency failure.
  const shown = (results, id) => {
    try {
      return symbols[determineTestResult(testSuites, id, results)[2]] || 'unknown'
    } catch (err) {
      return 'unknown'
    }
  }
  const failedDependencies = (results, test) =>
    (test.depends_on || []).filter(dep => !['pass', 'yes'].includes(shown(results, dep)))

  const kinds = ['required', 'optimal', 'check']
  const total = kind => list.filter(t => kind === undefined || t.kind === kind).length
  const pad = (s, n) => String(s).padEnd(n)
  const version = read(path.join(pkg, 'package.json')).version
  console.log(`http-cache-tests ${version}: ${list.length} tests as its CLI runs them (${kinds.map(k => `${total(k)} ${k}`).join(', ')}; ` +
    'a missing kind counts as required); nginx and varnish are the results/*.json shipped in the package')
  console.log('"required" counts passes; "as shown" leaves out passes whose dependency failed, as cache-tests.fyi does')
  console.log('')
  const header = [pad('', 12), pad('required', 11), pad('as shown', 11), pad('optimal', 9), pad('check', 9), pad('all kinds', 11), 'results']
  console.log(header.join(' '))
  for (const impl of impls) {
    const passed = kind => list.filter(t => (kind === undefined || t.kind === kind) && impl.results[t.test.id] === true).length
    const shownPass = list.filter(t => t.kind === 'required' && shown(impl.results, t.test.id) === 'pass').length
    const present = list.filter(t => t.test.id in impl.results).length
    console.log([pad(impl.name, 12), pad(`${passed('required')}/${total('required')}`, 11), pad(`${shownPass}/${total('required')}`, 11),
      pad(`${passed('optimal')}/${total('optimal')}`, 9), pad(`${passed('check')}/${total('check')}`, 9),
      pad(`${passed()}/${list.length}`, 11), `${present}/${list.length}`].join(' '))
  }

  const own = impls[0].results
  const failing = list.filter(t => t.kind === 'required' && own[t.test.id] !== true)
  const byClass = {}
  for (const t of failing) {
    const cls = shown(own, t.test.id)
    byClass[cls] = (byClass[cls] || 0) + 1
  }
  console.log('')
  console.log(`${name}: ${failing.length} required tests not passed: ` +
    Object.entries(byClass).map(([cls, n]) => `${n} ${cls}`).join(', '))
  console.log('(fail: an assertion failed; setup_fail: a step the test relies on did not happen; dependency_fail: a test it ' +
    'depends on did not pass; harness_fail / untested: no usable result)')
  let suiteName
  for (const t of failing) {
    if (t.suite.name !== suiteName) {
      suiteName = t.suite.name
      console.log('')
      console.log(`## ${suiteName}`)
    }
    const result = own[t.test.id]
    const message = result === undefined ? 'no result' : Array.isArray(result) ? `${result[0]}: ${result[1]}` : JSON.stringify(result)
    const peers = impls.slice(1).map(p => `${p.name} ${p.results[t.test.id] === true ? 'pass' : shown(p.results, t.test.id)}`).join(', ')
    console.log(`[${shown(own, t.test.id)}] ${t.test.id}: ${message}`)
    console.log(`    ${t.test.name.replace(/\s+/g, ' ')}`)
    const deps = failedDependencies(own, t.test)
    if (deps.length) console.log(`    depends on ${deps.map(d => `${d} (${shown(own, d)})`).join(', ')}`)
    console.log(`    peers: ${peers}`)
  }
}
