/**
 * Listeners keyed by JSON pointer, arranged as a trie so a change at one path wakes its
 * ancestors, itself and its descendants — and nobody else. One keystroke in a table cell
 * therefore touches O(depth) listeners, not every control of the form.
 */
export type Listener = () => void;

interface TrieNode {
  listeners: Set<Listener> | undefined;
  children: Map<string, TrieNode> | undefined;
}

const node = (): TrieNode => ({ listeners: undefined, children: undefined });

export class PathTrie {
  private readonly root = node();

  add(tokens: readonly string[], listener: Listener): () => void {
    let n = this.root;
    for (const t of tokens) {
      n.children ??= new Map();
      let child = n.children.get(t);
      if (!child) {
        child = node();
        n.children.set(t, child);
      }
      n = child;
    }
    n.listeners ??= new Set();
    n.listeners.add(listener);
    const target = n;
    return () => {
      target.listeners?.delete(listener);
    };
  }

  /** Wakes listeners on the path's ancestors (root included), on the path and under it. */
  notify(tokens: readonly string[]): void {
    const woken: Listener[] = [];
    let n: TrieNode | undefined = this.root;
    for (const t of tokens) {
      if (n.listeners) woken.push(...n.listeners);
      n = n.children?.get(t);
      if (!n) break;
    }
    if (n) collect(n, woken);
    for (const l of woken) l();
  }

  /** Wakes listeners on exactly these paths and nothing else. */
  notifyExact(tokens: readonly string[]): void {
    let n: TrieNode | undefined = this.root;
    for (const t of tokens) {
      n = n.children?.get(t);
      if (!n) return;
    }
    if (n.listeners) for (const l of [...n.listeners]) l();
  }
}

function collect(n: TrieNode, into: Listener[]): void {
  const stack = [n];
  while (stack.length > 0) {
    const cur = stack.pop() as TrieNode;
    if (cur.listeners) into.push(...cur.listeners);
    if (cur.children) for (const c of cur.children.values()) stack.push(c);
  }
}
