// Lists kept by key (rows by practice, messages by month), grown in place: copying a key's list to
// add one item (map.set(k, [...(map.get(k) ?? []), x])) costs the list's length each time, so a
// key with 100,000 items cost 5 billion copies (LOCUM.YEAREND took 54 s on 100,000 rows).

/** Add `item` to the list of `key` (a new list when it has none). */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Add every one of `items` to the list of `key`, in order. */
export function appendAll<K, V>(map: Map<K, V[]>, key: K, items: readonly V[]): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  for (const x of items) list.push(x);
}
