-- pandoc filter for the book: it renders, in HTML and LaTeX alike, what
-- tools/nw2pandoc and the chapters put in the Markdown:
--
--   ::: {.nwfile file=F number=N}     where a source file (chapter N) starts
--   ::: {.nwchunk #nw12 name=... number="4.1" lang="c" prev next usedin
--        defines uses}                 a code chunk, highlighted by pandoc, its
--   :::                               identifiers and chunk uses linked
--   `code`{.nwq}, [name]{.nwref ref=nw7}   [[quoted code]] and chunk references
--   ::: {.chunk-index} / {.identifier-index}    the indexes
--   ::: {.kernel fn="free_pages"}     the 5.10 text of a function, captioned
--   :::                               (from build/kernel/, made by tools/kernel-src)
--   ::: {.output file="build/examples/x.out" match="zone=DMA32"}
--   :::                               a file the build produced (matching lines)
--   ::: {.pagesim match="..."}        a script in a code block, and what
--   :::                               build/pagesim prints for it
--   ![caption](merge-chain.fig)       build/fig/merge-chain.svg or .pdf
--   ::: {.generated file="build/kernel-check/table.md"}
--   :::                               Markdown the build wrote (tables of results)
--   [text]{.claim test="suite.name"}  a claim, and ::: {.claims-table} the list
--   ::: {.exercise #ex-ID number="4.3" kind=... }   an exercise; its
--   ::: {.answer}                     answer shows only in the teacher's
--   :::                               edition (-M edition=teacher)
--
-- Three passes: collect (chunks, identifiers, section numbers, claims),
-- render (the elements above), and arrange (panels beside their chunks,
-- appendices, header numbers).

local BUILD = os.getenv("BOOK_BUILD") or "build"
local LATEX = FORMAT:match("latex") ~= nil
local EPUB = FORMAT:match("epub") ~= nil

local function die(msg)
  io.stderr:write("book.lua: " .. msg .. "\n")
  os.exit(1)
end

local function read(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function must_read(path, why)
  return read(path) or die("missing " .. path .. " (" .. why .. ")")
end

local function trim_nl(s) return (s:gsub("\n+$", "")) end

local function has(el, class)
  for _, c in ipairs(el.classes) do if c == class then return true end end
  return false
end

local function words(s)
  local out = pandoc.List()
  for w in s:gmatch("%S+") do out:insert(w) end
  return out
end

local function latex(s) return pandoc.RawInline("latex", s) end

-- byte order, whatever the locale (the indexes must sort the same everywhere)
local function before(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = a:byte(i), b:byte(i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

-- ---------------------------------------------------------------------------
-- Pass 1: collect

local edition = "default"
local chunk = {}          -- label -> {name, number, usedin}
local chunk_order = {}    -- labels in book order
local first_def = {}      -- chunk name -> label of its first piece
local ident_def = {}      -- identifier -> label of its first defining chunk
local ident_defs = {}     -- identifier -> defining labels
local ident_uses = {}     -- identifier -> using labels
local ident_order = {}
local exercise_no = {}    -- "ex-ID" -> "4.3"
local withheld = {}       -- 5.10 function -> exercise number (student edition)
local headers = {}        -- header id -> {level, appendix, number}
local claims = {}         -- {n, chapter (Header), content, tests}
local figure_no = {}      -- figure name (merge-chain) -> "4.1"

local function add(t, k, v)
  t[k] = t[k] or pandoc.List()
  if not t[k]:includes(v) then t[k]:insert(v) end
end

local function collect_chunk(div)
  local a, label = div.attributes, div.identifier
  chunk[label] = { name = a.name, number = a.number, usedin = words(a.usedin or "") }
  table.insert(chunk_order, label)
  first_def[a.name] = first_def[a.name] or label
  for _, id in ipairs(words(a.defines or "")) do
    if not ident_def[id] then
      ident_def[id] = label
      table.insert(ident_order, id)
    end
    add(ident_defs, id, label)
  end
  for _, id in ipairs(words(a.uses or "")) do add(ident_uses, id, label) end
end

-- The code of every chunk, highlighted by pandoc in one go (as the kernel
-- panels are, with the same syntax definitions); pass 2 then links each
-- identifier a chunk defines or uses to the chunk that defines it, and each
-- chunk use to its chunk.  A use is first a placeholder the highlighter
-- takes for a name.
local highlighted = {}    -- label -> {body, used, target}

local function placeholders(code)
  local used, parts, pos = {}, {}, 1
  while true do
    local s = code:find("<<", pos, true)
    if not s then break end
    local e, name = s + 2, nil
    repeat      -- the shortest <<...>> that names a chunk (names may hold '>')
      e = code:find(">>", e, true)
      if e and first_def[code:sub(s + 2, e - 1)] then name = code:sub(s + 2, e - 1) end
      if e then e = e + 1 end
    until name or not e
    if name then
      table.insert(used, first_def[name])
      table.insert(parts, code:sub(pos, s - 1) .. "NWUSE" .. #used .. "X")
      pos = e + 1
    else
      table.insert(parts, code:sub(pos, s + 1))
      pos = s + 2
    end
  end
  table.insert(parts, code:sub(pos))
  return table.concat(parts), used
end

local function escape(s)
  if LATEX then
    return (s:gsub("[\\{}]", { ["\\"] = "\\textbackslash{}", ["{"] = "\\{", ["}"] = "\\}" }))
  end
  return (s:gsub("[<>&]", { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;" }))
end

local function highlight_chunks(doc)
  local blocks, order = {}, {}
  local mark = LATEX and "%% nwchunk " or "<!-- nwchunk "
  doc:walk({ Div = function(div)
    if not has(div, "nwchunk") then return nil end
    local a = div.attributes
    local code = div.content[1] and div.content[1].text or ""
    local used
    code, used = placeholders(code)
    local mine = {}
    for _, id in ipairs(words(a.defines or "")) do mine[id] = true end
    for _, id in ipairs(words(a.uses or "")) do mine[id] = true end
    local h = { used = used, target = function(w) return mine[w] and ident_def[w] end }
    highlighted[div.identifier] = h
    if a.lang and a.lang ~= "" then
      table.insert(order, div.identifier)
      table.insert(blocks, pandoc.RawBlock(LATEX and "latex" or "html",
                                           mark .. div.identifier .. (LATEX and "" or " -->")))
      table.insert(blocks, pandoc.CodeBlock(code, pandoc.Attr("", {a.lang})))
    else
      h.body, h.plain = escape(code), true
    end
  end })
  local s = pandoc.write(pandoc.Pandoc(blocks, {title = "chunks", pagetitle = "chunks"}),
                         LATEX and "latex" or "html", PANDOC_WRITER_OPTIONS)
  local pat = LATEX and "%% nwchunk (nw%d+)\n.-\\begin{Highlighting}%[%]\n(.-)\\end{Highlighting}"
                    or "<!%-%- nwchunk (nw%d+) %-%->.-<code class=\"sourceCode[^\"]*\">(.-)</code></pre>"
  for label, body in s:gmatch(pat) do highlighted[label].body = body end
  for _, label in ipairs(order) do
    if not highlighted[label].body then die("pandoc did not highlight chunk " .. label) end
  end
end

local function collect(doc)
  edition = doc.meta.edition and pandoc.utils.stringify(doc.meta.edition) or "default"
  doc:walk({ Div = function(div)
    if has(div, "nwchunk") then collect_chunk(div)
    elseif has(div, "exercise") then
      if exercise_no[div.identifier] then die("two exercises are called " .. div.identifier) end
      exercise_no[div.identifier] = div.attributes.number
      if edition == "student" then
        for _, fn in ipairs(words(div.attributes.kernel or "")) do
          withheld[fn] = div.attributes.number
        end
      end
    end
  end })
  highlight_chunks(doc)
  -- section numbers, from each file's chapter number; claims, in book order
  local chapter, c, appendix, title, figs = nil, {0, 0}, false, nil, 0
  for i, b in ipairs(doc.blocks) do
    if b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" then
      local name = b.content[1].src:match("^(.*)%.fig$")
      if name then
        figs = figs + 1
        figure_no[name] = chapter .. "." .. figs
      end
    end
    if b.t == "Div" and has(b, "nwfile") then
      chapter, c, figs = b.attributes.number, {0, 0}, 0
      appendix = chapter:match("^%a$") ~= nil
    elseif b.t == "Header" then
      if b.level == 1 then title = b end
      if b.level <= 3 and not has(b, "unnumbered") then
        if chapter == nil or chapter == "0" then
          die("a numbered header outside the chapters: " .. pandoc.utils.stringify(b))
        end
        if b.level == 1 then
          if c.seen then die("two chapters in one file: " .. pandoc.utils.stringify(b)) end
          c = {0, 0, seen = true}
        else
          c[b.level - 1] = c[b.level - 1] + 1
          if b.level == 2 then c[2] = 0 end
        end
        local parts = {chapter}
        for l = 2, b.level do table.insert(parts, tostring(c[l - 1])) end
        headers[b.identifier] = { level = b.level, appendix = appendix,
                                  number = table.concat(parts, ".") }
        b.attributes.number = headers[b.identifier].number
      end
    else
      doc.blocks[i] = pandoc.walk_block(b, { Span = function(span)
        if not has(span, "claim") then return nil end
        local n = #claims + 1
        claims[n] = { n = n, chapter = title, tests = words(span.attributes.test or ""),
                      content = pandoc.Span(span.content):clone().content }
        span.attributes.n = tostring(n)
        return span
      end })
    end
  end
  return doc
end

-- ---------------------------------------------------------------------------
-- Pass 2: render

local function num(label)
  return chunk[label] and chunk[label].number or die("no chunk " .. label)
end

local function text(s)
  local out = pandoc.List()
  for w, sp in s:gmatch("([^ ]*)( ?)") do
    if w ~= "" then out:insert(pandoc.Str(w)) end
    if sp ~= "" then out:insert(pandoc.Space()) end
  end
  return out
end

-- a chunk number that links to the chunk; in the PDF, then its page
local function ref(label, page)
  local out = pandoc.List({ pandoc.Link({pandoc.Str(num(label))}, "#" .. label) })
  if LATEX and page ~= false then out:insert(latex("~(p.\\,\\pageref{" .. label .. "})")) end
  return out
end

local function refs(labels, page)
  local out = pandoc.List()
  for i, l in ipairs(labels) do
    if i > 1 then out:extend({pandoc.Str(","), pandoc.Space()}) end
    out:extend(ref(l, page))
  end
  return out
end

-- a chunk name, with [[quoted code]] as code
local function chunk_name(name)
  local out, pos = pandoc.List(), 1
  while true do
    local s, e, code = name:find("%[%[(.-)%]%]", pos)
    out:extend(text(name:sub(pos, (s or #name + 1) - 1)))
    if not s then return out end
    out:insert(pandoc.Code(code))
    pos = e + 1
  end
end

local function inline_output(inlines)
  local s = pandoc.write(pandoc.Pandoc({pandoc.Plain(inlines)}), LATEX and "latex" or "html",
                         {wrap_text = "wrap-none"})
  return trim_nl(s)
end

local function ident_link(id)
  local anchor = ident_def[id]
  local code = pandoc.Code(id)
  return anchor and pandoc.Link({code}, "#" .. anchor) or code
end

-- The code of a chunk, highlighted by pandoc (as the kernel panels are,
-- with the same syntax definitions), then linked: each identifier it
-- defines or uses to the chunk that defines it, each chunk use to its chunk.
local HTML_SKIP = { co = true, st = true, ch = true, sc = true, ss = true, vs = true,
                    ["do"] = true, an = true, cv = true, ["in"] = true, wa = true }
local LATEX_SKIP = { Comment = true, String = true, Char = true, SpecialChar = true,
                     SpecialString = true, VerbatimString = true, Documentation = true,
                     Annotation = true, CommentVar = true, Information = true, Warning = true }

local function link_words(s, target)
  if LATEX then
    -- identifiers appear with \_ for _; find them on the unescaped text
    local units, i = {}, 1
    while i <= #s do
      local u, ch
      if s:sub(i, i + 1) == "\\_" then u, ch = "\\_", "_"
      elseif s:sub(i, i) == "\\" then
        u = s:match("^\\%a+{}", i) or s:sub(i, i + 1)
      else u, ch = s:sub(i, i), s:sub(i, i) end
      table.insert(units, {u, ch})
      i = i + #u
    end
    local out, j = {}, 1
    while j <= #units do
      if units[j][2] and units[j][2]:match("[%a_]") then
        local k, w, raw = j, {}, {}
        while k <= #units and units[k][2] and units[k][2]:match("[%w_]") do
          table.insert(w, units[k][2]); table.insert(raw, units[k][1]); k = k + 1
        end
        local t = target(table.concat(w))
        raw = table.concat(raw)
        table.insert(out, t and ("\\hyperlink{" .. t .. "}{" .. raw .. "}") or raw)
        j = k
      else
        table.insert(out, units[j][1])
        j = j + 1
      end
    end
    return table.concat(out)
  end
  return (s:gsub("%f[%w_][%a_][%w_]*", function(w)
    local t = target(w)
    return t and ('<a class="nwid" href="#' .. t .. '">' .. w .. "</a>") or nil
  end))
end

local function link_code(s, target)
  local out, pos = {}, 1
  if LATEX then
    while pos <= #s do
      local a, b, tok = s:find("\\(%a+)Tok{", pos)
      if not a then table.insert(out, s:sub(pos)); break end
      table.insert(out, s:sub(pos, b))
      local depth, i = 1, b + 1
      while depth > 0 do
        local ch = s:sub(i, i)
        if ch == "\\" then i = i + 1
        elseif ch == "{" then depth = depth + 1
        elseif ch == "}" then depth = depth - 1 end
        i = i + 1
      end
      local body = s:sub(b + 1, i - 2)
      table.insert(out, LATEX_SKIP[tok] and body or link_words(body, target))
      table.insert(out, "}")
      pos = i
    end
    return table.concat(out)
  end
  local cls = nil
  while pos <= #s do
    local lt = s:find("<", pos, true) or #s + 1
    local t = s:sub(pos, lt - 1)
    table.insert(out, HTML_SKIP[cls] and t or link_words(t, target))
    if lt > #s then break end
    local gt = s:find(">", lt, true)
    local tag = s:sub(lt, gt)
    local c = tag:match('^<span class="(%w+)">')
    if c then cls = c elseif tag == "</span>" then cls = nil end
    table.insert(out, tag)
    pos = gt + 1
  end
  return table.concat(out)
end

local function use_output(label)
  local name = inline_output(chunk_name(chunk[label].name))
  if LATEX then
    return "\\nwuse{" .. label .. "}{" .. name .. "}{" .. num(label) .. "}"
  end
  return '<span class="nwuse">⟨<a href="#' .. label .. '">' .. name
         .. '</a> <span class="nwnum">' .. num(label) .. "</span>⟩</span>"
end

local function code_output(div)
  local h = highlighted[div.identifier]
  local body = h.plain and link_words(h.body, h.target) or link_code(h.body, h.target)
  body = body:gsub("NWUSE(%d+)X", function(k) return use_output(h.used[tonumber(k)]) end)
  if LATEX then
    return pandoc.RawBlock("latex", "\\begin{nwcode}\n" .. trim_nl(body) .. "\n\\end{nwcode}")
  end
  -- one line, one span; the highlighter's line anchors would repeat in every chunk
  body = body:gsub('<span id="cb%d+%-%d+"><a href="#cb%d+%-%d+" aria%-hidden="true" tabindex="%-1"></a>', "<span>")
  return pandoc.RawBlock("html", '<div class="sourceCode"><pre class="sourceCode nwcode '
    .. (div.attributes.lang or "") .. '"><code class="sourceCode">' .. body .. "</code></pre></div>")
end

local NBSP = LATEX and pandoc.Str("\u{a0}") or pandoc.Space()

local function render_chunk(div)
  local a, label = div.attributes, div.identifier
  local cont = a.prev and "+" or ""
  local head = pandoc.List({pandoc.Str("⟨")})
  head:insert(pandoc.Link(chunk_name(a.name), "#" .. first_def[a.name], "",
                          pandoc.Attr("", {"nwname"})))
  head:insert(NBSP)
  head:insert(pandoc.Link({pandoc.Strong({pandoc.Str(a.number)})}, "#" .. label, "",
                          pandoc.Attr("", {"nwnum"})))
  head:insert(pandoc.Str("⟩" .. cont .. "≡"))

  local foot = pandoc.List()
  local function sentence(inlines)
    if #foot > 0 then foot:insert(pandoc.Space()) end
    foot:extend(inlines)
    foot:insert(pandoc.Str("."))
  end
  if a.prev then sentence(text("Continues ") .. ref(a.prev)) end
  if a.next then sentence(text("Continued in ") .. ref(a.next)) end
  local usedin = chunk[first_def[a.name]].usedin
  if #usedin > 0 then
    sentence(text("Used in ") .. refs(usedin))
  else
    sentence(text("Root chunk: tangled to ") .. {pandoc.Code("code/" .. a.name)})
  end
  local defines = words(a.defines or "")
  if #defines > 0 then
    local items = text("Defines ")
    for i, id in ipairs(defines) do
      if i > 1 then items:extend({pandoc.Str(";"), pandoc.Space()}) end
      items:insert(pandoc.Code(id))
      local others = pandoc.List()
      for _, u in ipairs(ident_uses[id] or {}) do
        if u ~= label then others:insert(u) end
      end
      if #others > 0 then
        items:extend(text(" (used in "))
        items:extend(refs(others, false))
        items:insert(pandoc.Str(")"))
      end
    end
    sentence(items)
  end
  local uses = words(a.uses or "")
  if #uses > 0 then
    local items = text("Uses ")
    for i, id in ipairs(uses) do
      if i > 1 then items:extend({pandoc.Str(","), pandoc.Space()}) end
      items:insert(ident_link(id))
      if LATEX and ident_def[id] then
        items:insert(latex("~(p.\\,\\pageref{" .. ident_def[id] .. "})"))
      end
    end
    sentence(items)
  end

  local blocks
  if LATEX then
    blocks = {
      pandoc.Plain(pandoc.List({latex("\\nwhead{" .. label .. "}{")}) .. head .. {latex("}")}),
      code_output(div),
      pandoc.Plain(pandoc.List({latex("\\nwfoot{")}) .. foot .. {latex("}")}) }
    return pandoc.Div(blocks, pandoc.Attr("", {"nwchunk"}))
  end
  blocks = { pandoc.Div({pandoc.Plain(head)}, pandoc.Attr("", {"nwhead"})),
             code_output(div),
             pandoc.Div({pandoc.Plain(foot)}, pandoc.Attr("", {"nwfoot"})) }
  return pandoc.Div(blocks, pandoc.Attr(label, {"nwchunk"}))
end

-- the indexes of appendix E
-- LIST sorted by KEY (case, [[quotes]] and leading underscores ignored), then by name
-- (identifiers) or by book order (chunk names, when TIES is "order")
local function sorted(list, ties)
  local keyed = {}
  for i, x in ipairs(list) do
    local k = x:gsub("%[%[", ""):gsub("%]%]", ""):lower():gsub("^[_%p]+", "")
    table.insert(keyed, {k, x, i})
  end
  table.sort(keyed, function(p, q)
    if p[1] ~= q[1] then return before(p[1], q[1]) end
    if ties == "order" then return p[3] < q[3] end
    return before(p[2], q[2])
  end)
  local out = {}
  for _, p in ipairs(keyed) do table.insert(out, p[2]) end
  return out
end

local function chunk_index()
  local names, defs = {}, {}
  for _, l in ipairs(chunk_order) do
    local n = chunk[l].name
    if not defs[n] then table.insert(names, n); defs[n] = pandoc.List() end
    defs[n]:insert(l)
  end
  local items = {}
  for _, n in ipairs(sorted(names, "order")) do
    local row = pandoc.List({pandoc.Str("⟨")}) .. chunk_name(n)
    row:extend(text("⟩: defined in "))
    row:extend(refs(defs[n]))
    local usedin = chunk[first_def[n]].usedin
    if #usedin > 0 then
      row:extend(text("; used in "))
      row:extend(refs(usedin))
    else
      row:extend(text("; a file of "))
      row:insert(pandoc.Code("code/"))
    end
    row:insert(pandoc.Str("."))
    table.insert(items, {pandoc.Plain(row)})
  end
  return pandoc.BulletList(items)
end

local function identifier_index()
  local items = {}
  for _, id in ipairs(sorted(ident_order, "name")) do
    local row = pandoc.List({pandoc.Code(id)}) .. text(": defined in ")
    row:extend(refs(ident_defs[id]))
    local uses = pandoc.List()
    for _, u in ipairs(ident_uses[id] or {}) do
      if not ident_defs[id]:includes(u) then uses:insert(u) end
    end
    if #uses > 0 then
      row:extend(text("; used in "))
      row:extend(refs(uses))
    end
    row:insert(pandoc.Str("."))
    table.insert(items, {pandoc.Plain(row)})
  end
  return pandoc.BulletList(items)
end

-- [[quoted code]] in the prose: an identifier the model defines is a link
local function quoted(code)
  if not has(code, "nwq") then return nil end
  if code.text:match("^[%a_][%w_]*$") and ident_def[code.text] then
    return ident_link(code.text)
  end
  return pandoc.Code(code.text)
end

local function chunk_ref(span)
  local label = span.attributes.ref
  local content = pandoc.List({pandoc.Str("⟨")}) .. span.content
  content:extend({pandoc.Str("⟩"), pandoc.Space(), pandoc.Str(num(label))})
  return pandoc.Link(content, "#" .. label)
end

-- a caption's text, its identifiers (a word with an underscore, or one
-- before "()") and paths (mm/page_alloc.c) set as code
local function caption_text(s)
  local out = pandoc.List()
  for _, w in ipairs(text(s)) do
    if w.t == "Str" then
      local lead, word, trail = w.text:match("^([%(%[]*)(.-)([%),;:%.]*)$")
      local fn, rest = w.text:match("^([%a_][%w_]*%(%))(.*)$")
      if fn then lead, word, trail = "", fn, rest end
      if word:match("^[%a_][%w_]*%(%)$") or word:match("^[%w_]*_[%w_]*$")
         or word:match("^[%w_%-]+/[%w_%-/]+%.[ch]$") then
        if lead ~= "" then out:insert(pandoc.Str(lead)) end
        out:insert(pandoc.Code(word))
        if trail ~= "" then out:insert(pandoc.Str(trail)) end
      else
        out:insert(w)
      end
    else
      out:insert(w)
    end
  end
  return out
end

-- The 5.10 text of a function; the panel carries its function's name
local function kernel_panel(div)
  local fn = div.attributes.fn
  local caption = trim_nl(must_read(BUILD .. "/kernel/" .. fn .. ".caption",
                                    "no reference-table entry for " .. fn))
  local text = read(BUILD .. "/kernel/" .. fn .. ".c")
  local cap = pandoc.Para({pandoc.Strong(pandoc.Str("Linux 5.10")),
                           pandoc.Space()} .. caption_text(caption))
  local body, attrs = nil, {{"fn", fn}}
  if withheld[fn] then
    body = pandoc.Para(pandoc.Emph(pandoc.Str(
      "Withheld in the student edition: this function is exercise " .. withheld[fn] .. ".")))
  elseif text then
    body = pandoc.CodeBlock(trim_nl(text), pandoc.Attr("", {"c"}))
  else
    body = pandoc.Para(pandoc.Emph(pandoc.Str(
      "Text not included in this build: run make LINUX_SRC=/path/to/linux-5.10 to show it.")))
    table.insert(attrs, {"notext", "1"})
  end
  local blocks = {cap}
  -- a later 5.10.y whose text differs from v5.10's: a note above the text
  local change = read(BUILD .. "/kernel/" .. fn .. ".change")
  if change and not withheld[fn] then
    local note = pandoc.read(change, "markdown").blocks
    if LATEX then
      table.insert(blocks, pandoc.RawBlock("latex", "\\begin{quote}\\small"))
      for _, b in ipairs(note) do table.insert(blocks, b) end
      table.insert(blocks, pandoc.RawBlock("latex", "\\end{quote}"))
    else
      table.insert(blocks, pandoc.Div(note, pandoc.Attr("", {"kernel-change"})))
    end
  end
  table.insert(blocks, body)
  return pandoc.Div(blocks, pandoc.Attr("", {"kernel-source"}, attrs))
end

-- In the PDF, output is set in the largest size in which its longest line
-- fits the text width (99 columns at \\small, 112 at \\footnotesize, 128 at
-- \\scriptsize); longer lines (show pcp) break, with a mark.
local function latex_output(s)
  local long = 0
  for line in s:gmatch("[^\n]*") do long = math.max(long, utf8.len(line) or #line) end
  local size = long <= 97 and "\\small" or long <= 110 and "\\footnotesize"
               or long <= 126 and "\\scriptsize" or "\\small"
  if s:find("\\end{Verbatim}", 1, true) then die("output holds \\end{Verbatim}") end
  return pandoc.RawBlock("latex", "\\begin{Verbatim}[fontsize=" .. size ..
                         ",breaklines,breakanywhere]\n" .. s .. "\n\\end{Verbatim}")
end

-- match="PATTERN" keeps only the lines containing PATTERN (plain text);
-- expect="A | B" names what the prose says the output shows: the build
-- fails unless the lines shown contain each, in that order
local function output_block(div, text)
  local file = div.attributes.file
  local s = text or must_read(file, "an example output the build should have produced")
  local match = div.attributes.match
  if match then
    local kept = {}
    for line in s:gmatch("[^\n]*") do
      if line:find(match, 1, true) then table.insert(kept, line) end
    end
    if #kept == 0 then die("no line of " .. file .. " contains '" .. match .. "'") end
    s = table.concat(kept, "\n")
  end
  local pos = 1
  for want in (div.attributes.expect or ""):gmatch("[^|]+") do
    want = want:match("^%s*(.-)%s*$")
    local a, b = s:find(want, pos, true)
    if not a then
      die("the prose says " .. file .. " shows '" .. want .. "'" ..
          (pos > 1 and " (after what it said before)" or "") .. ", but it does not:\n" .. s)
    end
    pos = b + 1
  end
  if LATEX then return latex_output(trim_nl(s)) end
  return pandoc.CodeBlock(trim_nl(s), pandoc.Attr("", {"output"}))
end

-- ::: {.pagesim match="PATTERN"} around a code block holding a script: the
-- script, then what build/pagesim prints for it (standard output and error),
-- run as the book is woven.  For a model answer, which must not become a
-- file of the student tree as the chunks under examples/ do.
local function pagesim_block(div)
  local script
  for _, b in ipairs(div.content) do
    if b.t == "CodeBlock" then script = b.text end
  end
  if not script then die("a .pagesim div holds no script") end
  local tmp = os.tmpname()
  local f = io.open(tmp, "w")
  f:write(script .. "\n")
  f:close()
  local p = io.popen(BUILD .. "/pagesim " .. tmp .. " 2>&1")
  local out = p:read("a")
  local ok, _, code = p:close()
  os.remove(tmp)
  if not ok then die("pagesim exited with " .. tostring(code) .. " on:\n" .. script .. "\n" .. out) end
  local attrs = {{"file", "script above"}}
  for _, k in ipairs({"match", "expect"}) do
    if div.attributes[k] then table.insert(attrs, {k, div.attributes[k]}) end
  end
  local shown = output_block(pandoc.Div({}, pandoc.Attr("", {"output"}, attrs)), out)
  return {pandoc.CodeBlock(script, pandoc.Attr("", {"pagesim"})), shown}
end

-- ![caption](NAME.fig): build/fig/NAME.pdf in LaTeX (which numbers it),
-- build/fig/NAME.svg in HTML, numbered here, with the id fig-NAME
local function image(img)
  local name = img.src:match("^(.*)%.fig$")
  if name then
    img.src = "fig/" .. name .. (LATEX and ".pdf" or ".svg")   -- pdflatex runs in build/
    if not LATEX then
      img.identifier = "fig-" .. name
      local cap = pandoc.List({pandoc.Strong({pandoc.Str("Figure " .. figure_no[name] .. ".")}),
                               pandoc.Space()})
      cap:extend(img.caption)
      img.caption = cap
    else
      img.identifier = "fig-" .. name
    end
  end
  return img
end

-- In the HTML pages a figure is its SVG itself, not an <img>: its lines and
-- text, drawn in figures/draw.py's FG, become currentColor and follow the
-- light or dark theme.  Graphviz's ids get the figure's name in front.
local function figure_para(para)
  if LATEX or EPUB or #para.content ~= 1 or para.content[1].t ~= "Image" then return nil end
  local img = para.content[1]
  local name = img.src:match("^fig/(.*)%.svg$")
  if not name or not figure_no[name] then return nil end
  local svg = must_read(BUILD .. "/fig/" .. name .. ".svg", "drawn by figures/draw.py")
  svg = svg:gsub("^.-<svg", "<svg"):gsub("<!%-%-.-%-%->\n?", ""):gsub("<title>.-</title>\n?", "")
  svg = svg:gsub(' id="', ' id="' .. img.identifier .. "-"):gsub("#010203", "currentColor")
  svg = svg:gsub("<svg ", '<svg role="img" aria-labelledby="' .. img.identifier .. '-cap" ', 1)
  return pandoc.RawBlock("html", '<figure id="' .. img.identifier .. '">\n' .. svg ..
    '<figcaption id="' .. img.identifier .. '-cap">' .. inline_output(img.caption) ..
    "</figcaption>\n</figure>")
end

-- Claims: [text]{.claim test="suite.name ..."} links the text to the tests
-- that pin them: in HTML to the test's source line, in the PDF to its entry
-- in the appendix "Claims and the tests that pin them".  The tests and their
-- results come from tools/tests.py.
local tests = nil

local test_files = {}      -- test file -> its tests, {name, line, result}, by line

local function load_tests()
  tests = {}
  local f = io.open(BUILD .. "/claims/tests.tsv", "r") or die("missing " .. BUILD .. "/claims/tests.tsv")
  for line in f:lines() do
    local name, file, ln, result = line:match("^(%S+)\t(%S+)\t(%d+)\t(.*)$")
    if name then
      tests[name] = { name = name, file = file, line = ln, result = result }
      test_files[file] = test_files[file] or {}
      table.insert(test_files[file], tests[name])
    end
  end
  f:close()
  for _, list in pairs(test_files) do
    table.sort(list, function(a, b) return tonumber(a.line) < tonumber(b.line) end)
  end
end

local function test(name, n)
  if not tests then load_tests() end
  return tests[name] or die("claim " .. n .. " names test " .. name .. ", which is not in tests/")
end

local function test_href(t) return "tests/" .. t.file .. ".html#L-" .. t.line end

local function claim(span)
  local n = span.attributes.n
  local out = span.content
  local marks = {}
  for _, name in ipairs(words(span.attributes.test)) do
    local t = test(name, n)
    table.insert(marks, pandoc.Link({pandoc.Str("✓")}, EPUB and "#app-claim-" .. n or test_href(t),
                                    name, pandoc.Attr("", {"claim-test"})))
  end
  if LATEX then
    out:insert(1, latex("\\hypertarget{claim-" .. n .. "}{}\\phantomsection\\label{claim-" .. n .. "}"))
    out:insert(latex("\\textsuperscript{\\hyperlink{app-claim-" .. n .. "}{" .. n .. "}}"))
    return out
  end
  out:insert(pandoc.Superscript(marks))
  return pandoc.Span(out, pandoc.Attr("claim-" .. n, {"claim"}))
end

-- [text]{.tests test="suite.name ..."}: a list of tests (the sections "What
-- the tests pin"), not a claim: in HTML its marks link to the tests' lines
local function tests_span(span)
  if LATEX then return span.content end
  local marks = {}
  for _, name in ipairs(words(span.attributes.test)) do
    local t = test(name, "in a list of tests")
    if not EPUB then
      table.insert(marks, pandoc.Link({pandoc.Str("✓")}, test_href(t), name,
                                      pandoc.Attr("", {"claim-test"})))
    end
  end
  local out = span.content
  if #marks > 0 then out:insert(pandoc.Superscript(marks)) end
  return pandoc.Span(out)
end

-- the tests of each file of tests/ with their results, after the claims
local function tests_by_file()
  if not tests then load_tests() end
  local files, blocks, total = {}, pandoc.List(), 0
  for file in pairs(test_files) do table.insert(files, file) end
  table.sort(files, before)
  blocks:insert(pandoc.Header(3, text("The tests, file by file"), pandoc.Attr("tests-by-file", {"unnumbered"})))
  for _, file in ipairs(files) do
    local p = pandoc.List({pandoc.Code("tests/" .. file), pandoc.Str(":"), pandoc.Space()})
    local passed, ran = 0, false
    for i, t in ipairs(test_files[file]) do
      if i > 1 then p:extend({pandoc.Str(","), pandoc.Space()}) end
      p:insert((LATEX or EPUB) and pandoc.Code(t.name) or pandoc.Link({pandoc.Code(t.name)}, test_href(t)))
      if t.result ~= "" and t.result ~= "not run" then ran = true end
      if t.result == "passed" then passed = passed + 1 end
      if t.result == "failed" then p:extend(text(" (failed)")) end
    end
    total = total + #test_files[file]
    p:insert(pandoc.Str("."))
    local n = #test_files[file]
    p:extend(text(" " .. n .. (n == 1 and " test" or " tests") ..
                  (ran and (", " .. passed .. " passed.") or ".")))
    blocks:insert(pandoc.Para(p))
  end
  blocks:insert(2, pandoc.Para(text("Besides the claims above, these are all " .. total ..
    " tests of tests/, in the order of their files; the chapters list them in their sections" ..
    " \"What the tests pin\".")))
  return blocks
end

-- ::: {.claims-table}: every claim, by chapter, with its tests and their result
local function claims_table()
  local blocks, chapter, all, passed, ran = pandoc.List(), nil, {}, 0, false
  for _, c in ipairs(claims) do
    if c.chapter ~= chapter then
      chapter = c.chapter
      blocks:insert(pandoc.Header(3, pandoc.Span(chapter.content):walk({ Code = quoted }).content,
                                  pandoc.Attr("", {"unnumbered"})))
    end
    local p = pandoc.List({pandoc.Span({}, pandoc.Attr("app-claim-" .. c.n)),
                           pandoc.Link({pandoc.Strong({pandoc.Str(c.n .. ".")})}, "#claim-" .. c.n),
                           pandoc.Space()})
    if LATEX then p:insert(latex("(p.\\,\\pageref{claim-" .. c.n .. "})\\ ")) end
    p:extend(pandoc.Span(c.content):walk({ Code = quoted, Span = function(s)
      if has(s, "nwref") then return chunk_ref(s) end end }).content)
    p:insert(pandoc.LineBreak())
    local results = {}
    for i, name in ipairs(c.tests) do
      local t = test(name, c.n)
      if i > 1 then p:extend({pandoc.Str(","), pandoc.Space()}) end
      p:insert((LATEX or EPUB) and pandoc.Code(name) or pandoc.Link({pandoc.Code(name)}, test_href(t)))
      local r = t.result ~= "" and t.result or "not run"
      table.insert(results, r)
      if not all[name] then
        all[name] = true
        table.insert(all, name)
        if r == "passed" then passed = passed + 1 end
        if r ~= "not run" then ran = true end
      end
    end
    p:insert(pandoc.Str(":"))
    local same = true
    for _, r in ipairs(results) do if r ~= results[1] then same = false end end
    if same then
      p:insert(pandoc.Space())
      p:extend(text((#results == 1 and "" or "all ") .. results[1]))
    else
      for i, name in ipairs(c.tests) do
        if i > 1 then p:insert(pandoc.Str(",")) end
        p:extend({pandoc.Space(), pandoc.Code(name), pandoc.Space(), pandoc.Str(results[i])})
      end
    end
    p:insert(pandoc.Str("."))
    blocks:insert(pandoc.Para(p))
  end
  local intro = text("The book makes " .. #claims .. " marked claims, pinned by " .. #all .. " tests")
  if ran then
    intro:extend(text(", of which " .. passed .. " passed in the last "))
    intro:extend({pandoc.Code("make check"), pandoc.Str(".")})
  else
    intro:extend({pandoc.Str(";"), pandoc.Space()})
    intro:insert(pandoc.Code("make check"))
    intro:extend(text(" has not been run in this build yet."))
  end
  blocks:insert(1, pandoc.Para(intro))
  blocks:extend(tests_by_file())
  return blocks
end

-- ::: {.exercises-table} lists the exercises from build/exercises.tsv
-- (tools/exercises.py), with links to them: every exercise with its first
-- sentence, then the Implement exercises with what grades them
local function exercises_table()
  local f = io.open(BUILD .. "/exercises.tsv", "r") or die("missing " .. BUILD .. "/exercises.tsv")
  local kinds = { predict = "Predict", explain = "Explain", implement = "Implement" }
  local all, graded, number_of = {}, {}, {}
  local cell = function(inlines) return {pandoc.Plain(inlines)} end
  for line in f:lines() do
    local number, id, kind, points, after, tests, summary =
      line:match("^(%S+)\t(%S+)\t(%S+)\t(%S+)\t(%S+)\t(%S+)\t(.*)$")
    number_of[id] = number
    local link = pandoc.Link({pandoc.Str(number)}, "#ex-" .. id)
    local text = pandoc.read(summary, "markdown").blocks[1]
    table.insert(all, {cell({link}), cell({pandoc.Str(kinds[kind])}),
                       cell(text and text.content or {})})
    if kind == "implement" then
      local needs = {}
      if after ~= "-" then
        for a in after:gmatch("[^,]+") do table.insert(needs, number_of[a]) end
      end
      table.insert(graded, {cell({link}), cell({pandoc.Code(id)}), cell({pandoc.Str(points)}),
                            cell({pandoc.Code((tests:gsub(",", " ")))}),
                            cell({pandoc.Str(table.concat(needs, ", "))})})
    end
  end
  f:close()
  local function tbl(heads, widths, rows)
    local head, aligns = {}, {}
    for _, h in ipairs(heads) do
      table.insert(head, {pandoc.Plain({pandoc.Str(h)})})
      table.insert(aligns, "AlignLeft")
    end
    return pandoc.utils.from_simple_table(pandoc.SimpleTable({}, aligns, widths, head, rows))
  end
  return {
    tbl({"Exercise", "Kind", "Opening"}, {0.1, 0.12, 0.78}, all),
    pandoc.Para({pandoc.Str("The Implement exercises, and what grades them:")}),
    tbl({"Exercise", "Stub", "Points", "Tests", "Needs"}, {0.1, 0.22, 0.08, 0.46, 0.14}, graded),
  }
end

-- ::: {.generated file="..."}: Markdown that the build wrote, parsed in place
local function generated(div)
  local file = div.attributes.file
  local blocks = pandoc.read(must_read(file, "written by the build"), "markdown").blocks
  return pandoc.Div(blocks, pandoc.Attr("", {"generated"}))
end

-- Exercises.  Attributes: number (tools/nw2pandoc), kind; for Implement,
-- points, tests (Criterion patterns, suite/name) and after (exercises this
-- one builds on).  tools/exercises.py has checked them.
local KINDS = { predict = "Predict", explain = "Explain", implement = "Implement" }

local function with_lead(blocks, lead)
  local first = blocks[1]
  if first and (first.t == "Para" or first.t == "Plain") then
    local inl = pandoc.List(lead)
    inl:extend(first.content)
    blocks[1] = pandoc.Para(inl)
  else
    table.insert(blocks, 1, pandoc.Para(lead))
  end
  return blocks
end

local function exercise(div)
  local kind, number = div.attributes.kind, div.attributes.number
  local what = KINDS[kind]
  if kind == "implement" then what = what .. ", " .. div.attributes.points .. " points" end
  local body, answer = pandoc.List(), nil
  for _, b in ipairs(div.content) do
    if b.t == "Div" and has(b, "answer") then answer = b else body:insert(b) end
  end
  body = with_lead(body, {pandoc.Strong(pandoc.Str("Exercise " .. number)),
                          pandoc.Space(), pandoc.Emph(pandoc.Str("(" .. what .. ")")),
                          pandoc.Space()})
  if kind == "implement" then
    local g = {pandoc.Str("Graded by"), pandoc.Space(), pandoc.Code("make grade"),
               pandoc.Str(": the tests"), pandoc.Space(), pandoc.Code(div.attributes.tests)}
    local after = div.attributes.after
    if after and after ~= "" then
      table.insert(g, pandoc.Str(", once"))
      local sep = " "
      for _, id in ipairs(words(after)) do
        table.insert(g, pandoc.Str(sep))
        table.insert(g, pandoc.Link({pandoc.Str(exercise_no["ex-" .. id])}, "#ex-" .. id))
        sep = " and "
      end
      table.insert(g, pandoc.Str(" pass"))
    end
    table.insert(g, pandoc.Str("."))
    body:insert(pandoc.Para(g))
  end
  if answer and edition == "teacher" then
    local a = with_lead(pandoc.List(answer.content), {pandoc.Strong(pandoc.Str("Answer.")), pandoc.Space()})
    if LATEX then
      body:insert(pandoc.RawBlock("latex", "\\begin{quote}\\small"))
      body:extend(a)
      body:insert(pandoc.RawBlock("latex", "\\end{quote}"))
    else
      body:insert(pandoc.Div(a, pandoc.Attr("", {"answer"})))
    end
  end
  if LATEX then
    body:insert(1, pandoc.RawBlock("latex", "\\hypertarget{" .. div.identifier .. "}{}"))
    return pandoc.Div(body)
  end
  return pandoc.Div(body, pandoc.Attr(div.identifier, {"exercise", kind}))
end

-- Inline code in the PDF: \\texttt, which may break after _ . / (long test
-- names and paths), set as the characters themselves
local TT = { ["\\"] = "\\textbackslash{}", ["{"] = "\\{", ["}"] = "\\}", ["#"] = "\\#",
             ["$"] = "\\$", ["%"] = "\\%", ["&"] = "\\&", ["~"] = "\\textasciitilde{}",
             ["^"] = "\\textasciicircum{}", ["_"] = "\\_", ["/"] = "/\\allowbreak{}",
             ["."] = ".\\allowbreak{}", [" "] = "\\ " }
local function latex_code(code)
  if not LATEX then return nil end
  local s = code.text:gsub("[\\{}#$%%&~^_/%. ]", TT)
  return latex("\\texttt{" .. s .. "}")
end

local function render_div(div)
  if has(div, "nwchunk") then return render_chunk(div) end
  if has(div, "generated") then return generated(div) end
  if has(div, "exercise") then return exercise(div) end
  if has(div, "chunk-index") then return chunk_index() end
  if has(div, "identifier-index") then return identifier_index() end
  if has(div, "claims-table") then return claims_table() end
  if has(div, "exercises-table") then return exercises_table() end
  if has(div, "kernel") then return kernel_panel(div) end
  if has(div, "output") then return output_block(div) end
  if has(div, "pagesim") then return pagesim_block(div) end
  return nil
end

local function render_span(span)
  if has(span, "claim") then return claim(span) end
  if has(span, "tests") then return tests_span(span) end
  if has(span, "nwref") then return chunk_ref(span) end
  -- [text]{.zh}: Chinese from the study notes, in the HTML only (the PDF is
  -- typeset without CJK fonts)
  if has(span, "zh") and LATEX then return {} end
  return nil
end

-- [](#ex-ID) becomes "exercise N.k"; [](#sec-ID) "section N.M", "chapter N"
-- or "appendix X"
local function empty_link(l)
  local id = l.target:match("^#(.+)$")
  if not id or #l.content > 0 then return nil end
  if id:match("^ex%-") then
    l.content = {pandoc.Str("exercise " .. (exercise_no[id] or die("link to unknown exercise " .. id)))}
  elseif headers[id] then
    local h = headers[id]
    local word = h.level > 1 and "section" or (h.appendix and "appendix" or "chapter")
    l.content = {pandoc.Str(word .. " " .. h.number)}
  else
    die("empty link to unknown " .. id)
  end
  return l
end

-- ---------------------------------------------------------------------------
-- Pass 3: arrange

local EDITIONS = { teacher = "Teacher's edition, with answers",
                   student = "Student edition: the Implement exercises are stubs" }

local function arrange(doc)
  if EDITIONS[edition] then doc.meta.date = EDITIONS[edition] end
  doc = doc:walk({ Link = empty_link })     -- those made in pass 2 (tables)
  local out, blocks, i, appendix = {}, doc.blocks, 1, false
  while i <= #blocks do
    local b = blocks[i]
    -- several panels in a row without text: one panel, their captions, one note
    if b.t == "Div" and has(b, "kernel-source") and b.attributes.notext then
      local parts = {b.content[1]}
      while blocks[i + 1] and blocks[i + 1].t == "Div" and has(blocks[i + 1], "kernel-source")
          and blocks[i + 1].attributes.notext do
        i = i + 1
        table.insert(parts, blocks[i].content[1])
      end
      if #parts > 1 then
        table.insert(parts, b.content[2])
        b = pandoc.Div(parts, pandoc.Attr("", {"kernel-source"}, {{"fn", b.attributes.fn}, {"notext", "1"}}))
      end
    end
    if b.t == "Div" and has(b, "nwfile") then
      -- LaTeX numbers the chapters as the sources do; tools/split-html
      -- makes a page of each file
      local n = b.attributes.number
      if not LATEX and not EPUB then
        table.insert(out, pandoc.RawBlock("html", '<div class="nwfile" data-file="' ..
                     b.attributes.file .. '" data-number="' .. n .. '"></div>'))
      end
      if LATEX and n ~= "0" then
        local k = n:match("^%a$") and (n:byte() - ("A"):byte() + 1) or tonumber(n)
        if n:match("^%a$") and not appendix then
          appendix = true
          table.insert(out, pandoc.RawBlock("latex", "\\appendix"))
        end
        table.insert(out, pandoc.RawBlock("latex", "\\setcounter{chapter}{" .. (k - 1) .. "}"))
      end
    elseif LATEX and b.t == "Header" and b.level == 1 and has(b, "unnumbered") then
      -- an unnumbered chapter names itself in the running head
      table.insert(out, b)
      local t = pandoc.utils.stringify(b.content):upper()
      table.insert(out, pandoc.RawBlock("latex", "\\markboth{" .. t .. "}{" .. t .. "}"))
    elseif LATEX and b.t == "Div" and has(b, "kernel-source") then
      -- a panel's caption stays with the first lines of its text
      table.insert(out, pandoc.RawBlock("latex", "\\needspace{6\\baselineskip}"))
      table.insert(out, b)
    elseif b.t == "Div" and has(b, "kernel-source") and blocks[i + 1]
        and blocks[i + 1].t == "Div" and has(blocks[i + 1], "nwchunk") then
      -- a panel and the chunk that models it, side by side on a wide screen
      table.insert(out, pandoc.Div({b, blocks[i + 1]}, pandoc.Attr("", {"pair"})))
      i = i + 1
    else
      table.insert(out, b)
    end
    i = i + 1
  end
  doc.blocks = out
  return doc
end

return {
  { Pandoc = collect },
  { Image = image, Code = quoted, Span = render_span, Link = empty_link, Div = render_div },
  { Para = figure_para, Code = latex_code },
  { Pandoc = arrange },
}
