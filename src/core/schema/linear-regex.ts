/**
 * A regular-expression tester that runs in time linear in the text, for openclaw's schema `pattern`s. V8's engine
 * backtracks: `^\s*[^a-z0-9]*[a-z0-9]+…\s*$` (discord wake names) took 66 s on 160,000 spaces. This one simulates
 * the pattern's automaton on all its states at once (a Pike VM without captures), so a text of n characters costs
 * O(n × pattern size).
 *
 * It answers `test()` only (is there a match), which is all a schema check needs, for the syntax openclaw's patterns
 * use: classes, `.`, `\d \s \w \b` and their negations, `\p{Cc}`/`\p{Cs}`, groups, alternation, greedy and lazy
 * quantifiers, `^ $` (single-line) and lookaheads. A lookahead is evaluated once per position (memoized), and only
 * when its body is bounded or a bounded number of characters after `^` reach it; a pattern that would need more, or that uses anything
 * else (back-references, lookbehinds, other Unicode properties), is refused with UnsupportedPattern. Re2js, the
 * linear engine on npm, has no lookaheads (9 of openclaw's 40 patterns use them) and would add 160 kB to the bundle.
 */

export class UnsupportedPattern extends Error {}

type Ranges = Array<[number, number]>;

type Node =
  | { type: 'set'; ranges: Ranges; negated: boolean }
  | { type: 'assert'; kind: 'start' | 'end' | 'word' | 'notWord' }
  | { type: 'look'; body: Node; negated: boolean }
  | { type: 'seq'; items: Node[] }
  | { type: 'alt'; options: Node[] }
  | { type: 'repeat'; body: Node; min: number; max: number };

const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Ranges = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const PROPERTIES: Record<string, Ranges> = {
  Cc: [
    [0x00, 0x1f],
    [0x7f, 0x9f],
  ],
  Cs: [[0xd800, 0xdfff]],
};
const MAX_PROGRAM = 50_000;

function complement(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

class Parser {
  private at = 0;
  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) this.refuse(`unexpected ${this.source[this.at]}`);
    return node;
  }

  private refuse(why: string): never {
    throw new UnsupportedPattern(`${why} at ${this.at} in /${this.source}/`);
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { type: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { type: 'seq', items };
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at, this.at + 24));
      if (!m) {
        if (this.unicode) this.refuse('lone {');
        return atom;
      }
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) this.refuse('numbers out of order in {}');
      this.at += m[0].length - 1;
    } else return atom;
    this.at++;
    if (this.peek() === '?') this.at++; // Lazy or greedy: the same answer for test().
    if (atom.type === 'assert' || atom.type === 'look') this.refuse('quantified assertion');
    return { type: 'repeat', body: atom, min, max };
  }

  private atom(): Node {
    const c = this.source[this.at++]!;
    switch (c) {
      case '^':
        return { type: 'assert', kind: 'start' };
      case '$':
        return { type: 'assert', kind: 'end' };
      case '.':
        return { type: 'set', ranges: LINE_TERMINATORS, negated: true };
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '\\':
        return this.escape(false);
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case ']':
      case '}':
        if (this.unicode || c === '*' || c === '+' || c === '?' || c === ')') this.refuse(`unexpected ${c}`);
        return literal(c.codePointAt(0)!);
      default: {
        const code = this.unicode ? this.source.codePointAt(this.at - 1)! : c.charCodeAt(0);
        if (code > 0xffff) this.at++;
        return literal(code);
      }
    }
  }

  private group(): Node {
    let look: { negated: boolean } | undefined;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (this.source.startsWith('?=', this.at) || this.source.startsWith('?!', this.at)) {
      look = { negated: this.source[this.at + 1] === '!' };
      this.at += 2;
    } else if (this.peek() === '?') this.refuse('group kind');
    const body = this.alternation();
    if (this.source[this.at++] !== ')') this.refuse('unclosed group');
    if (!look) return body;
    // `(?![\s\S])` is "no character follows": the end of the text.
    if (body.type === 'seq' && body.items.length === 1 && matchesAnyCharacter(body.items[0]!)) {
      return look.negated ? { type: 'assert', kind: 'end' } : { type: 'look', body, negated: false };
    }
    return { type: 'look', body, negated: look.negated };
  }

  private characterClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const ranges: Ranges = [];
    while (this.peek() !== ']') {
      if (this.at >= this.source.length) this.refuse('unclosed class');
      const lo = this.classAtom();
      if (this.peek() === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        this.at++;
        const hi = this.classAtom();
        if (lo.length !== 1 || hi.length !== 1 || lo[0]![0] !== lo[0]![1] || hi[0]![0] !== hi[0]![1]) {
          if (this.unicode) this.refuse('class escape in a range');
          ranges.push(...lo, [0x2d, 0x2d], ...hi);
        } else {
          if (hi[0]![0] < lo[0]![0]) this.refuse('range out of order');
          ranges.push([lo[0]![0], hi[0]![0]]);
        }
      } else ranges.push(...lo);
    }
    this.at++;
    return { type: 'set', ranges, negated };
  }

  private classAtom(): Ranges {
    const c = this.source[this.at++]!;
    if (c === '\\') {
      const node = this.escape(true);
      if (node.type !== 'set') this.refuse('assertion in a class');
      return node.negated ? complement(node.ranges) : node.ranges;
    }
    const code = this.unicode ? this.source.codePointAt(this.at - 1)! : c.charCodeAt(0);
    if (code > 0xffff) this.at++;
    return [[code, code]];
  }

  private escape(inClass: boolean): Node {
    const c = this.source[this.at++];
    if (c === undefined) this.refuse('trailing \\');
    switch (c) {
      case 'd':
        return { type: 'set', ranges: DIGIT, negated: false };
      case 'D':
        return { type: 'set', ranges: DIGIT, negated: true };
      case 's':
        return { type: 'set', ranges: SPACE, negated: false };
      case 'S':
        return { type: 'set', ranges: SPACE, negated: true };
      case 'w':
        return { type: 'set', ranges: WORD, negated: false };
      case 'W':
        return { type: 'set', ranges: WORD, negated: true };
      case 'b':
        return inClass ? literal(0x08) : { type: 'assert', kind: 'word' };
      case 'B':
        if (!inClass) return { type: 'assert', kind: 'notWord' };
        break;
      case 'n':
        return literal(0x0a);
      case 'r':
        return literal(0x0d);
      case 't':
        return literal(0x09);
      case 'v':
        return literal(0x0b);
      case 'f':
        return literal(0x0c);
      case '0':
        if (!/[0-9]/.test(this.peek() ?? '')) return literal(0);
        break;
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.at, this.at + 2));
        if (hex) {
          this.at += 2;
          return literal(parseInt(hex[0], 16));
        }
        break;
      }
      case 'u': {
        const hex = /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/.exec(this.source.slice(this.at, this.at + 8));
        if (hex && (hex[0].length === 4 || this.unicode)) {
          this.at += hex[0].length;
          return literal(parseInt(hex[0].replace(/[{}]/g, ''), 16));
        }
        break;
      }
      case 'p':
      case 'P': {
        if (!this.unicode) return literal(c.charCodeAt(0));
        const m = /^\{([A-Za-z_]+)\}/.exec(this.source.slice(this.at, this.at + 24));
        const ranges = m ? PROPERTIES[m[1]!] : undefined;
        if (!m || !ranges) this.refuse('Unicode property');
        this.at += m[0].length;
        return { type: 'set', ranges, negated: c === 'P' };
      }
      default:
        if ('^$\\.*+?()[]{}|/'.includes(c) || (inClass && c === '-')) return literal(c.charCodeAt(0));
        // Outside Unicode mode any other escaped character but a digit, \c or \k stands for itself (Annex B).
        if (!this.unicode && !/[0-9ck]/.test(c)) return literal(c.charCodeAt(0));
    }
    this.refuse(`escape \\${c}`);
  }
}

function matchesAnyCharacter(node: Node): boolean {
  if (node.type !== 'set') return false;
  const outside = node.negated ? node.ranges : complement(node.ranges);
  return outside.length === 0;
}

function literal(code: number): Node {
  return { type: 'set', ranges: [[code, code]], negated: false };
}

// ---------------------------------------------------------------------------------------------------------------
// The program: instructions of a Pike VM, without captures.

type Instruction =
  | { op: 'set'; ranges: Ranges; negated: boolean }
  | { op: 'split'; to: number; alt: number }
  | { op: 'jump'; to: number }
  | { op: 'assert'; kind: 'start' | 'end' | 'word' | 'notWord' }
  | { op: 'look'; start: number; negated: boolean; id: number }
  | { op: 'match' };

/** The most characters `node` can consume, Infinity when unbounded. */
function maxLength(node: Node): number {
  switch (node.type) {
    case 'set':
      return 1;
    case 'assert':
    case 'look':
      return 0;
    case 'seq':
      return node.items.reduce((n, item) => n + maxLength(item), 0);
    case 'alt':
      return Math.max(...node.options.map(maxLength));
    case 'repeat':
      return node.max === 0 ? 0 : node.max * maxLength(node.body);
  }
}

/**
 * Refuses a lookahead that could cost O(n) at each of O(n) positions: one whose body is unbounded and that an
 * unbounded prefix can reach.
 */
function checkLookaheads(node: Node, prefix: number): void {
  switch (node.type) {
    case 'look':
      if (!Number.isFinite(prefix) && !Number.isFinite(maxLength(node.body))) {
        throw new UnsupportedPattern('an unbounded lookahead after an unbounded prefix');
      }
      checkLookaheads(node.body, prefix);
      return;
    case 'seq': {
      let reach = prefix;
      for (const item of node.items) {
        checkLookaheads(item, reach);
        reach += maxLength(item);
      }
      return;
    }
    case 'alt':
      for (const option of node.options) checkLookaheads(option, prefix);
      return;
    case 'repeat':
      checkLookaheads(node.body, node.max <= 1 ? prefix : Infinity);
      return;
    default:
  }
}

function startsAnchored(node: Node): boolean {
  if (node.type === 'assert') return node.kind === 'start';
  if (node.type === 'seq') return node.items.length > 0 && startsAnchored(node.items[0]!);
  if (node.type === 'alt') return node.options.every(startsAnchored);
  return false;
}

class Compiler {
  readonly program: Instruction[] = [];
  private looks = 0;

  emit(instruction: Instruction): number {
    if (this.program.length >= MAX_PROGRAM) throw new UnsupportedPattern('pattern too large');
    return this.program.push(instruction) - 1;
  }

  /** Emits `node` followed by a match instruction; returns its first instruction. */
  routine(node: Node): number {
    const start = this.program.length;
    this.node(node);
    this.emit({ op: 'match' });
    return start;
  }

  private node(node: Node): void {
    switch (node.type) {
      case 'set':
        this.emit({ op: 'set', ranges: node.ranges, negated: node.negated });
        return;
      case 'assert':
        this.emit({ op: 'assert', kind: node.kind });
        return;
      case 'seq':
        for (const item of node.items) this.node(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i === node.options.length - 1) {
            this.node(option);
            return;
          }
          const split = this.emit({ op: 'split', to: 0, alt: 0 });
          (this.program[split] as { to: number }).to = this.program.length;
          this.node(option);
          jumps.push(this.emit({ op: 'jump', to: 0 }));
          (this.program[split] as { alt: number }).alt = this.program.length;
        });
        for (const jump of jumps) (this.program[jump] as { to: number }).to = this.program.length;
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) this.node(node.body);
        if (node.max === Infinity) {
          const split = this.emit({ op: 'split', to: this.program.length + 1, alt: 0 });
          this.node(node.body);
          this.emit({ op: 'jump', to: split });
          (this.program[split] as { alt: number }).alt = this.program.length;
          return;
        }
        const splits: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          splits.push(this.emit({ op: 'split', to: this.program.length + 1, alt: 0 }));
          this.node(node.body);
        }
        for (const split of splits) (this.program[split] as { alt: number }).alt = this.program.length;
        return;
      }
      case 'look': {
        // The body is a routine of its own, placed after a jump over it.
        const jump = this.emit({ op: 'jump', to: 0 });
        const start = this.routine(node.body);
        (this.program[jump] as { to: number }).to = this.program.length;
        this.emit({ op: 'look', start, negated: node.negated, id: this.looks++ });
        return;
      }
    }
  }
}

function inRanges(ranges: Ranges, code: number): boolean {
  for (const [lo, hi] of ranges) if (code >= lo && code <= hi) return true;
  return false;
}

const isWordUnit = (text: string, at: number) => at >= 0 && at < text.length && inRanges(WORD, text.charCodeAt(at));

export interface LinearRegex {
  readonly source: string;
  test(text: string): boolean;
}

/** Compiles `source` as `new RegExp(source, unicode ? 'u' : '')` would, for test(); throws UnsupportedPattern. */
export function compileLinear(source: string, unicode: boolean): LinearRegex {
  const ast = new Parser(source, unicode).parse();
  checkLookaheads(ast, startsAnchored(ast) ? 0 : Infinity);
  const compiler = new Compiler();
  const start = compiler.routine(ast);
  const program = compiler.program;
  const anchored = startsAnchored(ast);

  const machine = new Machine(program, unicode, anchored);
  return { source, test: (text) => machine.test(start, text) };
}

/**
 * A state of the simulation: the character tests waiting for the next character (after every move that consumes
 * none), and whether the match was reached. Between the first and the last position of a text, `^` and `$` are
 * false everywhere, so unless a `\b` or a lookahead was evaluated, the state after a character depends only on the
 * state and the character: those moves are cached (a lazily built DFA, as RE2 does), which makes a step a map lookup.
 */
interface State {
  tests: number[];
  matched: boolean;
  moves: Map<number, State>;
}

const MAX_STATES = 2_000;
const MAX_MOVES_PER_STATE = 512;

/** The compiled program with its state cache, shared by every test() of one pattern. */
class Machine {
  private readonly states = new Map<string, State>();

  constructor(
    readonly program: Instruction[],
    readonly unicode: boolean,
    readonly anchored: boolean,
  ) {}

  test(entry: number, text: string): boolean {
    return new Simulation(this, text).run(entry, 0, true);
  }

  /** The one state with these tests (so cached moves can point at it), or a fresh one when the cache is full. */
  intern(tests: number[], matched: boolean, search: boolean): State {
    const key = `${search ? 's' : 'a'}${matched ? 'm' : ''}:${tests.join(',')}`;
    let state = this.states.get(key);
    if (!state) {
      state = { tests, matched, moves: new Map() };
      if (this.states.size < MAX_STATES) this.states.set(key, state);
    }
    return state;
  }
}

/** One test() of a program against a text. */
class Simulation {
  /** Lookahead results by (lookahead, position). */
  private readonly looks = new Map<number, boolean>();
  /** `mark[pc] === generation`: pc is already in the list being built. */
  private mark: Int32Array;
  private generation = 0;
  private readonly stack: number[] = [];
  /** Set when a closure evaluated `\b` or a lookahead: its result is for that position only. */
  private positional = false;

  constructor(
    private readonly machine: Machine,
    private readonly text: string,
  ) {
    this.mark = new Int32Array(machine.program.length);
  }

  /** Does the routine at `entry`, started at `from`, reach its match? A search also starts it at every later position. */
  run(entry: number, from: number, search: boolean): boolean {
    const { machine, text } = this;
    const seedEverywhere = search && !machine.anchored;
    let state = this.state([], entry, from, search, true);
    let at = from;
    for (;;) {
      if (state.matched) return true;
      if (at >= text.length || (state.tests.length === 0 && !seedEverywhere)) return false;
      const code = machine.unicode ? text.codePointAt(at)! : text.charCodeAt(at);
      at += code > 0xffff ? 2 : 1;
      const cached = at < text.length ? state.moves.get(code) : undefined;
      if (cached) {
        state = cached;
        continue;
      }
      const advanced: number[] = [];
      for (const pc of state.tests) {
        const ins = machine.program[pc] as { ranges: Ranges; negated: boolean };
        if (inRanges(ins.ranges, code) !== ins.negated) advanced.push(pc + 1);
      }
      this.positional = false;
      const next = this.state(advanced, entry, at, search, seedEverywhere);
      if (!this.positional && at < text.length && state.moves.size < MAX_MOVES_PER_STATE) state.moves.set(code, next);
      state = next;
    }
  }

  private state(threads: number[], entry: number, at: number, search: boolean, seed: boolean): State {
    const generation = ++this.generation;
    const tests: number[] = [];
    let matched = false;
    for (const pc of threads) matched = this.close(pc, at, generation, tests) || matched;
    if (seed) matched = this.close(entry, at, generation, tests) || matched;
    return this.machine.intern(tests, matched, search);
  }

  /** Adds to `list` the character tests reachable from `pc` at `at` without consuming; true when the match is. */
  private close(pc: number, at: number, generation: number, list: number[]): boolean {
    const { text, stack } = this;
    const program = this.machine.program;
    const base = stack.length;
    let matched = false;
    stack.push(pc);
    while (stack.length > base) {
      const i = stack.pop()!;
      if (this.mark[i] === generation) continue;
      this.mark[i] = generation;
      const ins = program[i]!;
      switch (ins.op) {
        case 'match':
          matched = true;
          break;
        case 'set':
          list.push(i);
          break;
        case 'jump':
          stack.push(ins.to);
          break;
        case 'split':
          stack.push(ins.alt, ins.to);
          break;
        case 'assert': {
          let ok: boolean;
          if (ins.kind === 'start') ok = at === 0;
          else if (ins.kind === 'end') ok = at === text.length;
          else {
            this.positional = true;
            ok = (isWordUnit(text, at - 1) !== isWordUnit(text, at)) === (ins.kind === 'word');
          }
          if (ok) stack.push(i + 1);
          break;
        }
        case 'look': {
          this.positional = true;
          const key = ins.id * (text.length + 1) + at;
          let found = this.looks.get(key);
          if (found === undefined) {
            // The lookahead's own run uses marks of its own; this closure's stay as they are.
            const saved = this.mark;
            this.mark = new Int32Array(program.length);
            found = this.run(ins.start, at, false);
            this.mark = saved;
            this.positional = true;
            this.looks.set(key, found);
          }
          if (found !== ins.negated) stack.push(i + 1);
          break;
        }
      }
    }
    return matched;
  }
}
