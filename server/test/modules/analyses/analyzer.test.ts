import { expect } from 'chai';

import {
  BuiltinAnalyzer,
  type AnalysisInput,
  type AnalysisResult,
  type AnalysisType,
  type Finding,
} from '../../../src/modules/analyses/analyzer';

const analyzer = new BuiltinAnalyzer();

type Snippet = Partial<AnalysisInput> & { content: string };

function analyze(snippet: Snippet): Promise<AnalysisResult> {
  return analyzer.analyze({ filename: 'snippet.ts', language: 'typescript', type: 'quality', ...snippet });
}

function analyzePython(content: string, type: AnalysisType = 'quality'): Promise<AnalysisResult> {
  return analyze({ content, type, filename: 'snippet.py', language: 'python' });
}

/** The essentials of each finding, so assertions stay readable and exact. */
function hits(result: AnalysisResult, rule?: string): Pick<Finding, 'line' | 'rule' | 'severity'>[] {
  return result.findings
    .filter((finding) => rule === undefined || finding.rule === rule)
    .map(({ line, rule: id, severity }) => ({ line, rule: id, severity }));
}

/** `count` statement lines, each indented by `indent`. */
function statements(count: number, indent: string): string {
  return Array.from({ length: count }, (_, i) => `${indent}step${i}();`).join('\n');
}

describe('BuiltinAnalyzer', () => {
  it('is named builtin', () => {
    expect(analyzer.name).to.equal('builtin');
  });

  describe('rules', () => {
    it('long-function: a JS function spanning 51 lines, not one spanning 50', async () => {
      const long = `function big() {\n${statements(49, '  ')}\n}`; // lines 1-51
      const short = `function small() {\n${statements(48, '  ')}\n}`; // lines 52-101
      const result = await analyze({ content: `${long}\n${short}` });
      expect(hits(result)).to.deep.equal([{ line: 1, rule: 'long-function', severity: 'medium' }]);
      expect(result.findings[0].message).to.contain('`big`').and.contain('51 lines');
    });

    it('long-function: arrow functions and methods are measured too', async () => {
      const arrow = `const run = async (a: number): Promise<void> => {\n${statements(49, '  ')}\n};`; // lines 1-51
      const method = `class A {\n  handle(x: string): number {\n${statements(49, '    ')}\n  }\n}`; // method at 53
      const result = await analyze({ content: `${arrow}\n${method}` });
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'long-function', severity: 'medium' },
        { line: 53, rule: 'long-function', severity: 'medium' },
      ]);
    });

    it('long-function: a Python def is measured by indentation', async () => {
      const content = `def big():\n${statements(50, '    ').replace(/;/g, '')}\n\ndef small():\n    pass\n`;
      const result = await analyzePython(content);
      expect(hits(result)).to.deep.equal([{ line: 1, rule: 'long-function', severity: 'medium' }]);
    });

    it('deep-nesting: reported once, at the first line deeper than 4 braces', async () => {
      const content = [
        'function f() {', // 1
        '  if (a) {', // 2
        '    switch (b) {', // 3
        '      case 1: {', // 4
        '        if (c) {', // 5
        '          deep();', // 6  <- depth 5
        '          deeper();', // 7
        '        } else {', // 8
        '          other();', // 9  <- a new deep block
        '        }', // 10
        '      }', // 11
        '    }', // 12
        '  }', // 13
        '}', // 14
      ].join('\n');
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 6, rule: 'deep-nesting', severity: 'medium' },
        { line: 9, rule: 'deep-nesting', severity: 'medium' },
      ]);
    });

    it('deep-nesting: Python indentation depth', async () => {
      const content = [
        'def f():', // 1
        '    if a:', // 2
        '        with b:', // 3
        '            if c:', // 4
        '                try:', // 5
        '                    deep()', // 6  <- depth 5
        '                    deeper()', // 7
        '                except ValueError as e:', // 8
        '                    raise', // 9  <- depth 5 again, a new block
      ].join('\n');
      const result = await analyzePython(content);
      expect(hits(result)).to.deep.equal([
        { line: 6, rule: 'deep-nesting', severity: 'medium' },
        { line: 9, rule: 'deep-nesting', severity: 'medium' },
      ]);
    });

    it('todo-comment: TODO and XXX are info, FIXME and HACK are low', async () => {
      const content = [
        '// TODO: split', // 1
        'const a = 1; // FIXME wrong', // 2
        '/*', // 3
        ' * HACK around the bug', // 4
        ' */', // 5
        'const b = 2; // XXX', // 6
      ].join('\n');
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'todo-comment', severity: 'info' },
        { line: 2, rule: 'todo-comment', severity: 'low' },
        { line: 4, rule: 'todo-comment', severity: 'low' },
        { line: 6, rule: 'todo-comment', severity: 'info' },
      ]);
    });

    it('empty-catch: empty and whitespace-only catch blocks, and .catch(() => {})', async () => {
      const content = [
        'try { a(); } catch (e) {}', // 1
        'try {', // 2
        '  b();', // 3
        '} catch (err) {', // 4
        '', // 5
        '}', // 6
        'try { c(); } catch (e) { /* expected when offline */ }', // 7: documented, not reported
        'promise.catch(() => {});', // 8
        'try { d(); } catch (e) { log(e); }', // 9
      ].join('\n');
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'empty-catch', severity: 'high' },
        { line: 4, rule: 'empty-catch', severity: 'high' },
        { line: 8, rule: 'empty-catch', severity: 'high' },
      ]);
    });

    it('empty-catch: Python except blocks that only pass', async () => {
      const content = [
        'try:', // 1
        '    a()', // 2
        'except ValueError:', // 3
        '    pass', // 4
        'try:', // 5
        '    b()', // 6
        'except KeyError: pass', // 7
        'try:', // 8
        '    c()', // 9
        'except OSError as e:', // 10
        '    log(e)', // 11
      ].join('\n');
      const result = await analyzePython(content);
      expect(hits(result)).to.deep.equal([
        { line: 3, rule: 'empty-catch', severity: 'high' },
        { line: 7, rule: 'empty-catch', severity: 'high' },
      ]);
    });

    it('no-eval: eval( and new Function( in JS', async () => {
      const content = 'const a = 1;\nconst r = eval(input);\nconst f = new Function("a", body);\nmodel.eval();';
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 2, rule: 'no-eval', severity: 'critical' },
        { line: 3, rule: 'no-eval', severity: 'critical' },
      ]);
      expect(result.findings.map((f) => f.category)).to.deep.equal(['security', 'security']);
    });

    it('no-eval: exec( and eval( in Python, but not method calls such as model.eval()', async () => {
      const result = await analyzePython('exec(code)\nmodel.eval()\nvalue = eval(expr)\n');
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'no-eval', severity: 'critical' },
        { line: 3, rule: 'no-eval', severity: 'critical' },
      ]);
    });

    it('hardcoded-secret: assignments, AWS keys and private keys, without echoing the value', async () => {
      const content = [
        'const password = "hunter2-prod";', // 1
        "const config = { api_key: 'sk-live-0123456789' };", // 2
        'const awsKey = "AKIAIOSFODNN7EXAMPLE";', // 3
        'const pem = `-----BEGIN RSA PRIVATE KEY-----`;', // 4
        'const dbSecret: string = "s3cr3t-value";', // 5
        'const tokenType = "Bearer";', // 6: not a secret
        'const apiKey = process.env.API_KEY;', // 7: not hard-coded
        '// password = "just-an-example"', // 8: commented out
      ].join('\n');
      const result = await analyze({ content });
      const expected = [1, 2, 3, 4, 5].map((line) => ({ line, rule: 'hardcoded-secret', severity: 'critical' }));
      expect(hits(result)).to.deep.equal(expected);
      for (const secret of ['hunter2-prod', 'sk-live-0123456789', 'AKIAIOSFODNN7EXAMPLE', 's3cr3t-value']) {
        expect(JSON.stringify(result)).not.to.contain(secret);
      }
      expect(result.findings[0].message).to.contain('`password`');
    });

    it('hardcoded-secret: Python assignments', async () => {
      const result = await analyzePython('SECRET_KEY = "django-insecure-abc"\nsettings = {"token": "tok_123456"}\n');
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'hardcoded-secret', severity: 'critical' },
        { line: 2, rule: 'hardcoded-secret', severity: 'critical' },
      ]);
      expect(JSON.stringify(result)).not.to.contain('django-insecure-abc').and.not.to.contain('tok_123456');
    });

    it('no-console: console.log/debug/info in JS, print( in Python', async () => {
      const js = await analyze({ content: 'const a = 1;\nconsole.log(a);\nconsole.error(a);\nconsole.debug(a);' });
      expect(hits(js)).to.deep.equal([
        { line: 2, rule: 'no-console', severity: 'low' },
        { line: 4, rule: 'no-console', severity: 'low' },
      ]);
      const py = await analyzePython('x = 1\nprint(x)\nlogger.print(x)\n');
      expect(hits(py)).to.deep.equal([{ line: 2, rule: 'no-console', severity: 'low' }]);
    });

    it('loose-equality: == and != but not ===, !==, <= or >=', async () => {
      const content = 'if (a == b) {}\nif (a === b) {}\nif (a != b) {}\nif (a !== b && a <= b && a >= b) {}';
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'loose-equality', severity: 'medium' },
        { line: 3, rule: 'loose-equality', severity: 'medium' },
      ]);
    });

    it('loose-equality: JS only, == is the right operator in Python', async () => {
      const result = await analyzePython('if a == b:\n    go()\n');
      expect(result.findings).to.deep.equal([]);
    });

    it('no-var: var declarations, not identifiers containing var', async () => {
      const result = await analyze({ content: 'let variance = 1;\nvar total = 0;\nconst o = { var: 1 };' });
      expect(hits(result)).to.deep.equal([{ line: 2, rule: 'no-var', severity: 'low' }]);
    });

    it('sql-injection: concatenation and template interpolation, not parameterised queries', async () => {
      const content = [
        'const a = "SELECT * FROM users WHERE id = " + id;', // 1
        'const b = `DELETE FROM orders WHERE id = ${orderId}`;', // 2
        'const c = db.query("SELECT * FROM users WHERE id = $1", [id]);', // 3
        'const d = "Select a file from the list";', // 4
      ].join('\n');
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'sql-injection', severity: 'high' },
        { line: 2, rule: 'sql-injection', severity: 'high' },
      ]);
    });

    it('sql-injection: Python f-strings and % formatting, not driver parameters', async () => {
      const content = [
        'q = f"SELECT * FROM t WHERE id = {user_id}"', // 1
        'q = "UPDATE t SET name = \'%s\'" % name', // 2
        'cursor.execute("SELECT * FROM t WHERE id = %s", (user_id,))', // 3
      ].join('\n');
      const result = await analyzePython(content);
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'sql-injection', severity: 'high' },
        { line: 2, rule: 'sql-injection', severity: 'high' },
      ]);
    });

    it('nested-loop and await-in-loop', async () => {
      const content = [
        'async function sync(users) {', // 1
        '  for (const user of users) {', // 2
        '    await save(user);', // 3
        '    for (const role of user.roles) {', // 4
        '      grant(role);', // 5
        '    }', // 6
        '  }', // 7
        '  await done();', // 8: outside any loop
        '}', // 9
      ].join('\n');
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([
        { line: 3, rule: 'await-in-loop', severity: 'low' },
        { line: 4, rule: 'nested-loop', severity: 'medium' },
      ]);
      expect(result.findings.map((f) => f.category)).to.deep.equal(['performance', 'performance']);
    });

    it('await-in-loop: a while condition runs every iteration, a for-of iterable only once', async () => {
      const content = 'for (const x of await list()) { use(x); }\nwhile (await more()) { step(); }';
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([{ line: 2, rule: 'await-in-loop', severity: 'low' }]);
    });

    it('nested-loop: Python loops by indentation; a do-while tail is not a second loop', async () => {
      const py = await analyzePython('for a in xs:\n    while a:\n        a = step(a)\nfor b in ys:\n    use(b)\n');
      expect(hits(py)).to.deep.equal([{ line: 2, rule: 'nested-loop', severity: 'medium' }]);
      const js = await analyze({ content: 'do {\n  x++;\n} while (x < 10);\nwhile (y) y--;' });
      expect(js.findings).to.deep.equal([]);
    });

    it('long-line: longer than 120 characters', async () => {
      const content = `const a = '${'x'.repeat(107)}';\nconst b = '${'x'.repeat(108)}';`; // 120 and 121 chars
      const result = await analyze({ content });
      expect(hits(result)).to.deep.equal([{ line: 2, rule: 'long-line', severity: 'info' }]);
      expect(result.findings[0].column).to.equal(121);
    });

    it('no-debugger', async () => {
      const result = await analyze({ content: 'function f() {\n  debugger;\n}' });
      expect(hits(result)).to.deep.equal([{ line: 2, rule: 'no-debugger', severity: 'medium' }]);
    });

    it('bare-except (and the pass-only body is also an empty catch)', async () => {
      const result = await analyzePython('try:\n    a()\nexcept:\n    pass\n');
      expect(hits(result)).to.deep.equal([
        { line: 3, rule: 'bare-except', severity: 'medium' },
        { line: 3, rule: 'empty-catch', severity: 'high' },
      ]);
    });

    it('mutable-default-arg', async () => {
      const content = 'def f(items=[]):\n    return items\n\ndef g(items=None):\n    return items\n';
      const result = await analyzePython(content);
      expect(hits(result)).to.deep.equal([{ line: 1, rule: 'mutable-default-arg', severity: 'medium' }]);
    });
  });

  describe('strings and comments', () => {
    it('does not report eval( or == inside JS string literals and comments', async () => {
      const content = [
        'const a = "eval(x) == y";', // 1
        "const b = 'new Function(body) != c';", // 2
        'const c = `template with eval(x) == y`;', // 3
        '// eval(input) == other', // 4
        '/* console.log(x) != y', // 5
        '   var z = 1; */', // 6
      ].join('\n');
      const result = await analyze({ content });
      expect(result.findings).to.deep.equal([]);
    });

    it('does report code inside a template interpolation', async () => {
      const result = await analyze({ content: 'const s = `value: ${a == b ? "eval(" : "no"}`;' });
      expect(hits(result)).to.deep.equal([{ line: 1, rule: 'loose-equality', severity: 'medium' }]);
    });

    it('does not report exec( or eval( inside Python strings, docstrings and comments', async () => {
      const content = [
        'def f():',
        '    """Calls eval( and exec( on nothing."""',
        '    s = "exec(code)"  # eval(x)',
        '    return s',
      ].join('\n');
      const result = await analyzePython(content);
      expect(result.findings).to.deep.equal([]);
    });
  });

  describe('scoring', () => {
    const mixed = [
      '// TODO: remove before release', // info: -1
      'var total = 0;', // low: -2
      'if (total == 0) {', // medium: -6
      '  eval(input);', // critical: -25
      '}',
    ].join('\n');

    it('a clean snippet has no findings and a score of 100', async () => {
      const content = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
      const result = await analyze({ content });
      expect(result).to.deep.equal({
        qualityScore: 100,
        bugsFound: 0,
        confidence: 0.85,
        findings: [],
        summary: 'No issues found.',
      });
    });

    it('gives exact score, bug count, confidence and summary for known findings', async () => {
      const result = await analyze({ content: mixed });
      expect(hits(result)).to.deep.equal([
        { line: 1, rule: 'todo-comment', severity: 'info' },
        { line: 2, rule: 'no-var', severity: 'low' },
        { line: 3, rule: 'loose-equality', severity: 'medium' },
        { line: 4, rule: 'no-eval', severity: 'critical' },
      ]);
      expect(result.qualityScore).to.equal(66); // 100 - 1 - 2 - 6 - 25
      expect(result.bugsFound).to.equal(2); // loose-equality (bugs) + no-eval (security)
      expect(result.confidence).to.equal(0.85); // known language, 5 lines: no size bonus yet
      expect(result.summary).to.equal('4 issues found: 1 critical, 1 medium, 1 low, 1 info.');
    });

    it('scores only the findings the analysis type reports', async () => {
      const result = await analyze({ content: mixed, type: 'bugs' });
      expect(hits(result).map((h) => h.rule)).to.deep.equal(['loose-equality', 'no-eval']);
      expect(result.qualityScore).to.equal(69); // 100 - 6 - 25
      expect(result.bugsFound).to.equal(2);
      expect(result.summary).to.equal('2 issues found: 1 critical, 1 medium.');
    });

    it('never goes below 0', async () => {
      const content = Array.from({ length: 5 }, (_, i) => `eval(x${i});`).join('\n'); // 5 × 25
      const result = await analyze({ content });
      expect(result.qualityScore).to.equal(0);
      expect(result.bugsFound).to.equal(5);
      expect(result.summary).to.equal('5 issues found: 5 critical.');
    });

    it('confidence grows with size and is lower for an unrecognised language', async () => {
      const lines = (n: number) => Array.from({ length: n }, (_, i) => `const v${i} = ${i};`).join('\n');
      expect((await analyze({ content: lines(40) })).confidence).to.equal(0.89); // 0.85 + 4 × 0.01
      expect((await analyze({ content: lines(500) })).confidence).to.equal(0.95); // bonus capped at 0.10
      const unknown = await analyze({ content: lines(25), language: 'cobol', filename: 'PAYROLL.CBL' });
      expect(unknown.confidence).to.equal(0.62); // 0.60 + 2 × 0.01
    });

    it('an empty or whitespace-only snippet scores 100 with confidence 0.5', async () => {
      for (const content of ['', '   \n\t\n  ']) {
        const result = await analyze({ content });
        expect(result.qualityScore).to.equal(100);
        expect(result.bugsFound).to.equal(0);
        expect(result.confidence).to.equal(0.5);
        expect(result.findings).to.deep.equal([]);
      }
    });
  });

  describe('type filtering', () => {
    const everything = [
      '// TODO: tidy', // 1 quality
      'const q = "SELECT * FROM t WHERE id = " + id;', // 2 security high
      'const key = "AKIAIOSFODNN7EXAMPLE";', // 3 security critical
      'for (const a of as) { for (const b of bs) { use(a, b); } }', // 4 performance
      'try { run(); } catch (e) {}', // 5 bugs
    ].join('\n');

    it('security analysis of code with only a TODO finds nothing', async () => {
      const result = await analyze({ content: '// TODO: handle errors\nexport const x = 1;\n', type: 'security' });
      expect(result.findings).to.deep.equal([]);
      expect(result.qualityScore).to.equal(100);
    });

    it('security reports security findings only', async () => {
      const result = await analyze({ content: everything, type: 'security' });
      expect(hits(result).map((h) => h.rule)).to.deep.equal(['sql-injection', 'hardcoded-secret']);
    });

    it('performance reports performance findings only', async () => {
      const result = await analyze({ content: everything, type: 'performance' });
      expect(hits(result)).to.deep.equal([{ line: 4, rule: 'nested-loop', severity: 'medium' }]);
      expect(result.bugsFound).to.equal(0);
    });

    it('bugs reports bugs plus critical security findings', async () => {
      const result = await analyze({ content: everything, type: 'bugs' });
      expect(hits(result).map((h) => h.rule)).to.deep.equal(['hardcoded-secret', 'empty-catch']);
    });

    it('quality reports every category', async () => {
      const result = await analyze({ content: everything, type: 'quality' });
      const categories = result.findings.map((f) => f.category);
      expect(categories).to.deep.equal(['quality', 'security', 'security', 'performance', 'bugs']);
    });
  });

  describe('language detection', () => {
    it('falls back to the filename extension when the language is not recognised', async () => {
      const result = await analyze({ content: 'print("hi")\n', language: 'auto', filename: 'script.py' });
      expect(hits(result)).to.deep.equal([{ line: 1, rule: 'no-console', severity: 'low' }]);
    });

    it('does not apply JavaScript-only rules to other languages', async () => {
      const content = 'int main(void) {\n  var = a == b;\n  debugger;\n}\n';
      const result = await analyze({ content, language: 'c', filename: 'main.c' });
      expect(result.findings).to.deep.equal([]);
    });
  });

  describe('determinism', () => {
    it('gives byte-identical results for the same input', async () => {
      const input: AnalysisInput = {
        filename: 'app.js',
        language: 'javascript',
        type: 'quality',
        content: [
          'var a = 1; // FIXME',
          'if (a == 2) { eval(a); }',
          'const password = "abcdef";',
          'for (;;) { for (;;) { await x; } }',
        ].join('\n'),
      };
      const first = await analyzer.analyze(input);
      const second = await new BuiltinAnalyzer().analyze({ ...input });
      expect(second).to.deep.equal(first);
      expect(JSON.stringify(second)).to.equal(JSON.stringify(first));
    });

    it('sorts findings by line, then rule id', async () => {
      const result = await analyze({ content: 'if (a == b) { eval(c); console.log(d); }\nvar e = 1; // TODO' });
      expect(result.findings.map((f) => `${f.line}:${f.rule}`)).to.deep.equal([
        '1:loose-equality',
        '1:no-console',
        '1:no-eval',
        '2:no-var',
        '2:todo-comment',
      ]);
    });
  });
});
