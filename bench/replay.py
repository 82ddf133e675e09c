"""The pgbench baseline: the SQL statements the service issued, read from PostgreSQL's statement log, turned
into pgbench scripts that replay them.

Capture: the benchmark database has log_statement = 'all' (ALTER DATABASE ... SET) while the service serves
one request at a time, each preceded by a marker statement (select 'bench-mark <label>') from another
session. Everything the service's sessions log between two markers is that request's statements, with their
parameter values (log_parameter_max_length = -1 logs them whole).

Replay: one pgbench script per captured request (so per target: the same parent, side conversation, child
and user as the service request), the statements in the same order and the same transactions (BEGIN ...
COMMIT as the service sent them), each parameter written as a literal of the captured value, except the
values that must be new or current on every execution:
  * a UUID that a request's INSERT introduces (the row's id, or a new value in a column that is no foreign
    key, such as correlation ids) is drawn anew each time, and every later parameter with the same value
    uses the new one; so are the elements of a uuid[] parameter of an INSERT (`unnest($3::uuid[], ...)`, the
    notifications' correlation ids, the webhook events' ids) that the request had not used before, and those
    elements that are such a UUID;
  * `select nextval(...)` results are kept (\\gset) and used where the service used the drawn id: the row's
    own id, and columns that refer to it (audit_id, origin_comment_id ...);
  * an optimistic-lock UPDATE (`where id = ? and version = ?`) uses the version read by the request's earlier
    SELECT of that row (\\gset), and writes version + 1, as the service does.
Literals are E'' strings with ':' escaped, so that pgbench's variable syntax never touches them and the
scripts run with -M prepared (the service's statements are server-side prepared too).
"""

import collections
import re

LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+) \[(\d+)\] (\S*)@(\S*) "
                  r"(LOG|DETAIL|ERROR|STATEMENT|WARNING|HINT|CONTEXT|FATAL|NOTICE|PANIC):  (.*)$")
STARTS_LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")  # any log line's start (its %m)
EXECUTE = re.compile(r"^execute ([^:]*): (.*)$", re.S)
MARK = re.compile(r"^select 'bench-mark (.*)';?$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PARAM = re.compile(r"\$(\d+)\b")


def read_messages(path, offset, database):
    """(pid, user, level, text) of every log message of `database` from byte `offset` on."""
    with open(path, "rb") as f:
        f.seek(offset)
        data = f.read().decode("utf-8", errors="replace")
    messages = []
    current = None
    for line in data.split("\n"):
        m = LINE.match(line)
        if m:
            if current:
                messages.append(current)
            current = None
            if m.group(4) == database:
                current = [int(m.group(2)), m.group(3), m.group(5), m.group(6)]
        elif STARTS_LOG_LINE.match(line):
            # A line of a process without user and database (the checkpointer's): it ends the message before it.
            if current:
                messages.append(current)
            current = None
        elif current is not None:
            # PostgreSQL writes each further line of a message after a tab.
            current[3] += "\n" + (line[1:] if line.startswith("\t") else line)
    if current:
        messages.append(current)
    return messages


def parse_parameters(text):
    """'$1 = '...', $2 = NULL' -> ['...', None]."""
    values = {}
    i = 0
    while i < len(text):
        m = re.compile(r"\$(\d+) = ").match(text, i)
        if not m:
            raise ValueError("cannot parse parameters at: " + text[i:i + 80])
        n = int(m.group(1))
        i = m.end()
        if text.startswith("NULL", i):
            values[n] = None
            i += 4
        else:
            assert text[i] == "'", text[i:i + 40]
            i += 1
            out = []
            while True:
                j = text.index("'", i)
                out.append(text[i:j])
                if text.startswith("''", j):
                    out.append("'")
                    i = j + 2
                else:
                    i = j + 1
                    break
            values[n] = "".join(out)
        if text.startswith(", ", i):
            i += 2
    return [values[k] for k in sorted(values)]


def request_session(entries):
    """A request's statements among everything the service's sessions logged between two markers: those of the
    session (backend pid) that authenticated it, the request's first statement. The others are background work that
    ran meanwhile (webhook senders woken by the request's commit, scheduled jobs); the request's own transactions run
    on the connection its thread had (Hikari hands a thread back the connection it last used). A request on two
    connections loses the second one's statements and, being unlike the others, is left out of the replay."""
    auth = next((pid for pid, (sql, _) in entries if "from api_tokens" in sql), None)
    return [entry for pid, entry in entries if auth is None or pid == auth]


def capture(messages, service_user):
    """{label: [request, ...]}, each request a list of (sql, [parameter values]) in the order the service sent them."""
    samples = collections.defaultdict(list)
    label = None
    current = None
    pending = {}
    for pid, user, level, text in messages:
        if level == "LOG" and text.startswith("statement: ") and user != service_user:
            m = MARK.match(text[len("statement: "):].strip())
            if m:
                if label is not None and current is not None:
                    samples[label].append(request_session(current))
                label = m.group(1)
                current = []
            continue
        if user != service_user or current is None:
            continue
        if level == "LOG":
            if text.startswith("statement: "):
                sql = text[len("statement: "):]
                params = None
            else:
                m = EXECUTE.match(text)
                if not m:
                    continue
                sql, params = m.group(2), None
            if not sql.strip():
                continue  # the pool's connection check (an empty query)
            entry = [sql, []]
            current.append((pid, entry))
            pending[pid] = entry
        elif level == "DETAIL" and text.startswith("parameters: ") and pid in pending:
            pending[pid][1] = parse_parameters(text[len("parameters: "):])
    return samples


def signature(request):
    return tuple(sql for sql, _ in request)


def modal(requests):
    """The statement sequence most requests of a workload ran, and the requests that ran exactly it
    (a few run once-per-connection driver look-ups besides; they are left out)."""
    counts = collections.Counter(signature(r) for r in requests)
    sig, _ = counts.most_common(1)[0]
    return sig, [r for r in requests if signature(r) == sig]


def literal(value):
    if value is None:
        return "NULL"
    escaped = value.replace("\\", "\\\\").replace("'", "''").replace(":", "\\x3a")
    return "E'" + escaped + "'"


def _insert_columns(sql):
    m = re.match(r"\s*insert into (\w+) \(([^)]*)\) values \((.*?)\)(?: returning .*)?\s*$", sql, re.S | re.I)
    if not m:
        return None, {}
    columns = [c.strip() for c in m.group(2).split(",")]
    values = [v.strip() for v in m.group(3).split(",")]
    mapping = {}
    for column, value in zip(columns, values):
        p = PARAM.match(value)
        if p:
            mapping[int(p.group(1))] = column
    return m.group(1), mapping


def _update_columns(sql):
    m = re.match(r"\s*update (\w+) set (.*) where (.*)$", sql, re.S | re.I)
    if not m:
        return None, {}, {}
    sets, where = {}, {}
    for item in m.group(2).split(","):
        c = re.match(r"\s*(\w+)\s*=\s*\$(\d+)", item)
        if c:
            sets[int(c.group(2))] = c.group(1)
    for c in re.finditer(r"(\w+)\s*=\s*\$(\d+)", m.group(3)):
        where[int(c.group(2))] = c.group(1)
    return m.group(1), sets, where


def _single_row_select(sql):
    """(table, id parameter number) of `select ... from T a where ... a.id=$n`, else None."""
    m = re.match(r"\s*select .*? from (\w+) (\w+)(?: |$)", sql, re.S | re.I)
    if not m or " join " in sql.lower():
        return None
    p = re.search(r"\b" + re.escape(m.group(2)) + r"\.id=\$(\d+)", sql)
    return (m.group(1), int(p.group(1))) if p else None


def _singular(table):
    word = table.split("_")[-1]
    return word[:-1] if word.endswith("s") else word


def plan(request, tag, foreign_keys=frozenset()):
    """One captured request as statements to replay: [{"sql": the captured SQL with its $n placeholders (a nextval
    select with its values named), "params": [(kind, value) per $n], "gset": None, or the prefix under which the
    first row's columns are kept}], and notes on what was made dynamic. A parameter is ("lit", captured value),
    ("uuid", n) for the n-th UUID drawn anew on every execution, ("uuids", template) for a uuid[] literal whose
    elements written %n% are the n-th UUID drawn anew, ("var", name) for a value kept from an earlier statement's
    row, or ("var+1", name) for that value plus one (the row version an update writes).
    foreign_keys: (table, column) pairs that reference another row, whose values are never drawn anew."""
    statements = []
    uuid_vars = {}          # captured value -> ("uuid", n)
    id_vars = {}            # captured value -> (table, ("var", name)) of an id drawn from a sequence
    sequences = {}          # sequence name -> variables of its nextvals not yet used by an insert, oldest first
    latest = {}             # sequence name -> variable of the nextval an insert used last
    seen = set()
    notes = collections.Counter()
    for i, (sql, params) in enumerate(request):
        tokens = [("lit", v) for v in params]
        text = sql
        gset = None
        if re.match(r"\s*select\s+nextval\(", sql, re.I) and " from " not in sql.lower():
            names = []

            def alias(m):
                name = f"{tag}n{i}_{len(names)}"
                names.append((m.group(1), name))
                return f"nextval('{m.group(1)}') as {name}"
            text = re.sub(r"nextval\('([^']+)'\)", alias, sql)
            for seq, name in names:
                sequences.setdefault(seq, []).append(name)
            gset = ""
            notes["nextval kept with \\gset"] += 1
        table, columns = _insert_columns(sql)
        utable, sets, where = _update_columns(sql)
        inserts = re.match(r"\s*insert\s", sql, re.I) is not None
        arrays = {int(n) for n in re.findall(r"\$(\d+)::uuid\[\]", sql)}
        for k, value in enumerate(params, start=1):
            column = columns.get(k) or sets.get(k) or where.get(k)
            if value is None:
                continue
            if k in arrays and value.startswith("{") and value.endswith("}"):
                elements = value[1:-1].split(",") if value != "{}" else []
                fresh = False
                for e, element in enumerate(elements):
                    if not UUID.match(element):
                        continue
                    if element not in uuid_vars and inserts and element not in seen:
                        uuid_vars[element] = ("uuid", str(len(uuid_vars)))
                        notes["fresh uuid in an array"] += 1
                    if element in uuid_vars:
                        elements[e] = f"%{uuid_vars[element][1]}%"
                        fresh = True
                if fresh:
                    tokens[k - 1] = ("uuids", "{" + ",".join(elements) + "}")
                seen.update(value[1:-1].split(","))
                continue
            if value in uuid_vars:
                tokens[k - 1] = uuid_vars[value]
                continue
            if value in id_vars and column:
                owner, token = id_vars[value]
                if column == "id" and table == owner or column.endswith(_singular(owner) + "_id"):
                    tokens[k - 1] = token
                    continue
            seq = f"{table}_id_seq"
            if table and column == "id" and (sequences.get(seq) or seq in latest) and value.isdigit():
                # Inserts take the drawn ids in the order they were drawn (a write may draw several before its
                # inserts: each row its own); an insert beyond them takes the last one used.
                if sequences.get(seq):
                    latest[seq] = sequences[seq].pop(0)
                token = ("var", latest[seq])
                id_vars[value] = (table, token)
                tokens[k - 1] = token
                notes["id from nextval"] += 1
                continue
            if table and column and UUID.match(value) and (column == "id" or (
                    value not in seen and (table, column) not in foreign_keys)):
                token = ("uuid", str(len(uuid_vars)))
                uuid_vars[value] = token
                tokens[k - 1] = token
                notes["fresh uuid"] += 1
        if utable and "version" in where.values() and "id" in where.values():
            version_param = next(k for k, c in where.items() if c == "version")
            id_param = next(k for k, c in where.items() if c == "id")
            for j in range(i - 1, -1, -1):
                found = _single_row_select(request[j][0])
                if found and found[0] == utable and request[j][1][found[1] - 1] == params[id_param - 1]:
                    prefix = f"{tag}s{j}_"
                    statements[j]["gset"] = prefix
                    old = params[version_param - 1]
                    tokens[version_param - 1] = ("var", prefix + "version")
                    for k, c in sets.items():
                        if c == "version" and params[k - 1] is not None and old is not None \
                                and int(params[k - 1]) == int(old) + 1:
                            tokens[k - 1] = ("var+1", prefix + "version")
                    notes["version read with \\gset"] += 1
                    break
            else:
                notes["version left literal (no earlier select of the row)"] += 1
        for value in params:
            if value is not None:
                seen.add(value)
        statements.append({"sql": text.strip().rstrip(";"), "params": tokens, "gset": gset})
    return statements, notes


def _pgbench(token, tag):
    kind, value = token
    if kind == "lit":
        return literal(value)
    if kind == "uuid":
        return (f"(lpad(to_hex((:{tag}u{value}a)::bigint), 16, '0') || "
                f"lpad(to_hex((:{tag}u{value}b)::bigint), 16, '0'))::uuid")
    if kind == "uuids":
        parts = re.split(r"%(\d+)%", value)
        return "(" + " || ".join(literal(part) if n % 2 == 0 else f"{_pgbench(('uuid', part), tag)}::text"
                                 for n, part in enumerate(parts) if n % 2 or part) + ")"
    if kind == "var":
        return f"(:{value})::bigint"
    return f"(:{value})::bigint + 1"


def script(request, tag, foreign_keys=frozenset()):
    """The pgbench script replaying one captured request (plan()), and notes on what was made dynamic."""
    statements, notes = plan(request, tag, foreign_keys)
    uuids = sorted({int(v) for s in statements for kind, v in s["params"] if kind == "uuid"}
                   | {int(n) for s in statements for kind, v in s["params"] if kind == "uuids"
                      for n in re.findall(r"%(\d+)%", v)})
    lines = []
    for n in uuids:
        lines.append(f"\\set {tag}u{n}a random(0, 9223372036854775806)")
        lines.append(f"\\set {tag}u{n}b random(0, 9223372036854775806)")
    for s in statements:
        exprs = [_pgbench(t, tag) for t in s["params"]]
        text = PARAM.sub(lambda m: exprs[int(m.group(1)) - 1] if int(m.group(1)) <= len(exprs) else m.group(0),
                         s["sql"])
        if s["gset"] is None:
            lines.append(text + ";")
        else:
            lines.append(text)
            lines.append("\\gset" + (" " + s["gset"] if s["gset"] else ""))
    return "\n".join(lines) + "\n", notes


def floor_plan(request, tag, foreign_keys=frozenset()):
    """plan() for bench/floor/FloorController.java: JDBC's ? placeholders (a ? of the SQL itself doubled), the
    parameters in the order they appear, without the statements before the first BEGIN that authenticate (the
    floor's requests pass through the same authentication)."""
    statements, _ = plan(request, tag, foreign_keys)
    out = []
    for n, s in enumerate(statements):
        if "from api_tokens" in s["sql"] and not any(x["sql"].upper().startswith("BEGIN") for x in statements[:n]):
            continue
        order = [int(m.group(1)) for m in PARAM.finditer(s["sql"])]
        sql = PARAM.sub("?", s["sql"].replace("?", "??"))
        out.append({"sql": sql, "params": [{"kind": s["params"][k - 1][0], "value": s["params"][k - 1][1]}
                                           for k in order], "gset": s["gset"]})
    return out


def describe(sig):
    """A short name per statement of a signature: 'select tickets', 'insert ticket_comments', ..."""
    out = []
    for sql in sig:
        s = " ".join(sql.split())
        low = s.lower()
        if low.startswith(("begin", "commit", "rollback")):
            out.append(s.upper())
            continue
        m = (re.match(r"(insert) into (\w+)", low) or re.match(r"(update) (\w+)", low)
             or re.match(r"(delete) from (\w+)", low))
        if m:
            out.append(f"{m.group(1)} {m.group(2)}")
            continue
        if "nextval(" in low and " from " not in low:
            out.append("select " + ", ".join(re.findall(r"nextval\('([^']+)'\)", low)))
            continue
        flat = low
        while re.search(r"\([^()]*\)", flat):
            flat = re.sub(r"\([^()]*\)", "_", flat)
        m = re.search(r" from (\w+)", flat)
        table = m.group(1) if m else "?"
        lock = " for update" if " for no key update" in low or " for update" in low else ""
        what = "count" if "count(" in low.split(" from ")[0] else "select"
        out.append(f"{what} {table}{lock}")
    return out
