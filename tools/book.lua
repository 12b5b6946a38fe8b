-- pandoc filter for the book: original-source panels, captured outputs,
-- figures drawn by the model, and lettered appendices.
--
--   ::: {.kernel fn="free_pages"}     the 5.10 text of a function, captioned
--   :::                               (from build/kernel/, made by tools/kernel-src)
--   ::: {.output file="build/examples/x.out" match="zone=DMA32"}
--   :::                               a file the build produced (matching lines)
--   ::: {.pagesim match="..."}        a script in a code block, and what
--   :::                               build/pagesim prints for it
--   ![caption](merge-chain.fig)       build/fig/merge-chain.svg or .pdf
--   ::: {.generated file="build/kernel-check/table.md"}
--   :::                               Markdown the build wrote (tables of results)
--   ::: {.exercise #ex-ID kind="predict|explain|implement" ...}
--   ::: {.answer}                     an exercise, numbered per chapter; its
--   :::                               answer shows only in the teacher's
--   :::                               edition (-M edition=teacher)

local BUILD = os.getenv("BOOK_BUILD") or "build"

local function read(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function must_read(path, why)
  local s = read(path)
  if not s then
    io.stderr:write("book.lua: missing " .. path .. " (" .. why .. ")\n")
    os.exit(1)
  end
  return s
end

local function trim_nl(s) return (s:gsub("\n+$", "")) end

local function kernel_panel(div)
  local fn = div.attributes.fn
  local caption = trim_nl(must_read(BUILD .. "/kernel/" .. fn .. ".caption",
                                    "no reference-table entry for " .. fn))
  local text = read(BUILD .. "/kernel/" .. fn .. ".c")
  local cap = pandoc.Para({pandoc.Strong(pandoc.Str("Linux 5.10")),
                           pandoc.Space(), pandoc.Str(caption)})
  local body, attrs = nil, {fn = fn}
  if text then
    body = pandoc.CodeBlock(trim_nl(text), pandoc.Attr("", {"c"}))
  else
    body = pandoc.Para(pandoc.Emph(pandoc.Str(
      "Text not included in this build: run make LINUX_SRC=/path/to/linux-5.10 to show it.")))
    attrs.notext = "1"
  end
  return pandoc.Div({cap, body}, pandoc.Attr("", {"kernel-source"}, attrs))
end

-- match="PATTERN" keeps only the lines containing PATTERN (plain text)
local function output_block(div, text)
  local file = div.attributes.file
  local s = text or must_read(file, "an example output the build should have produced")
  local match = div.attributes.match
  if match then
    local kept = {}
    for line in s:gmatch("[^\n]*") do
      if line:find(match, 1, true) then table.insert(kept, line) end
    end
    if #kept == 0 then
      io.stderr:write("book.lua: no line of " .. file .. " contains '" .. match .. "'\n")
      os.exit(1)
    end
    s = table.concat(kept, "\n")
  end
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
  if not script then
    io.stderr:write("book.lua: a .pagesim div holds no script\n")
    os.exit(1)
  end
  local tmp = os.tmpname()
  local f = io.open(tmp, "w")
  f:write(script .. "\n")
  f:close()
  local p = io.popen(BUILD .. "/pagesim " .. tmp .. " 2>&1")
  local out = p:read("a")
  local ok, _, code = p:close()
  os.remove(tmp)
  if not ok then
    io.stderr:write("book.lua: pagesim exited with " .. tostring(code) .. " on:\n"
                    .. script .. "\n" .. out)
    os.exit(1)
  end
  local shown = output_block(pandoc.Div({}, pandoc.Attr("", {"output"},
                                {file = "-", match = div.attributes.match})), out)
  return {pandoc.CodeBlock(script), shown}
end

function Image(img)
  local name = img.src:match("^(.*)%.fig$")
  if name then
    if FORMAT:match("latex") then
      img.src = "fig/" .. name .. ".pdf"   -- pdflatex runs in build/
    else
      img.src = "fig/" .. name .. ".svg"
    end
  end
  return img
end

local function has(div, class)
  for _, c in ipairs(div.classes) do if c == class then return true end end
  return false
end

-- Claims: [text]{.claim test="suite.name ..."} links the text to the tests
-- that pin it: in HTML to the test's source line, in the PDF to its row in
-- the appendix "Claims and the tests that pin them".  A test that does not
-- exist was already refused by tools/claims.py; this checks again.
local tests = nil
local claim_n = 0

local function load_tests()
  tests = {}
  local f = io.open(BUILD .. "/claims/tests.tsv", "r")
  if not f then
    io.stderr:write("book.lua: missing " .. BUILD .. "/claims/tests.tsv\n")
    os.exit(1)
  end
  for line in f:lines() do
    local name, file, ln = line:match("^(%S+)\t(%S+)\t(%d+)$")
    if name then tests[name] = { file = file, line = ln } end
  end
  f:close()
end

local function claim(span)
  if not tests then load_tests() end
  claim_n = claim_n + 1
  local out = span.content
  if FORMAT:match("latex") then
    table.insert(out, pandoc.RawInline("latex",
      "\\textsuperscript{\\hyperlink{app-claim-" .. claim_n .. "}{" .. claim_n .. "}}"))
    return out
  end
  local marks = {}
  for name in span.attributes.test:gmatch("%S+") do
    local t = tests[name]
    if not t then
      io.stderr:write("book.lua: claim " .. claim_n .. " names unknown test " .. name .. "\n")
      os.exit(1)
    end
    table.insert(marks, pandoc.Link({pandoc.Str("✓")},
      "tests/" .. t.file .. ".html#L" .. t.line, name, pandoc.Attr("", {"claim-test"})))
  end
  table.insert(out, pandoc.Superscript(marks))
  return pandoc.Span(out, pandoc.Attr("claim-" .. claim_n, {"claim"}))
end

-- [text]{.zh}: Chinese from the study notes, in the HTML only (the PDF is
-- typeset without CJK fonts)
function Span(span)
  for _, c in ipairs(span.classes) do
    if c == "zh" and FORMAT:match("latex") then return {} end
    if c == "claim" then return claim(span) end
  end
  return nil
end

-- ::: {.claims-table} is replaced by the list tools/claims.py wrote
local function claims_table()
  local md = must_read(BUILD .. "/claims/claims.md", "written by tools/claims.py")
  local blocks = pandoc.read(md, "markdown").blocks
  if FORMAT:match("latex") then
    -- the tests' pages exist only in the HTML book: keep the names, drop the links
    blocks = pandoc.Div(blocks):walk({ Link = function(l) return l.content end }).content
  end
  return blocks
end

-- ::: {.exercises-table} lists the exercises from build/exercises.tsv
-- (tools/exercises.py), with links to them: every exercise with its first
-- sentence, then the Implement exercises with what grades them
local function exercises_table()
  local f = io.open(BUILD .. "/exercises.tsv", "r")
  if not f then
    io.stderr:write("book.lua: missing " .. BUILD .. "/exercises.tsv\n")
    os.exit(1)
  end
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
    tbl({"Exercise", "Stub", "Points", "Tests", "Needs"}, {0.1, 0.18, 0.08, 0.5, 0.14}, graded),
  }
end

-- ::: {.generated file="..."}: Markdown that the build wrote, parsed in place
local function generated(div)
  local file = div.attributes.file
  local blocks = pandoc.read(must_read(file, "written by the build"), "markdown").blocks
  return pandoc.Div(blocks, pandoc.Attr("", {"generated"}))
end

function Div(div)
  if has(div, "generated") then return generated(div) end
  if has(div, "exercises-table") then return exercises_table() end
  if has(div, "kernel") then return kernel_panel(div) end
  if has(div, "output") then return output_block(div) end
  if has(div, "pagesim") then return pagesim_block(div) end
  if has(div, "claims-table") then return claims_table() end
  return nil
end

-- Exercises.  Attributes: kind; for Implement, points, tests (Criterion
-- patterns, suite/name) and after (exercises this one builds on).  Numbers
-- run per chapter: Exercise 4.3.  tools/exercises.py reads the same divs
-- for the grader, and numbers them the same way.
local KINDS = { predict = "Predict", explain = "Explain", implement = "Implement" }

local function latex(s) return pandoc.RawBlock("latex", s) end

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

local function exercise(div, number, numbers, edition)
  local kind = div.attributes.kind
  if not KINDS[kind] then
    io.stderr:write("book.lua: exercise " .. div.identifier .. " has no valid kind\n")
    os.exit(1)
  end
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
      for id in after:gmatch("%S+") do
        if not numbers["ex-" .. id] then
          io.stderr:write("book.lua: exercise " .. div.identifier .. " comes after unknown " .. id .. "\n")
          os.exit(1)
        end
        table.insert(g, pandoc.Str(sep))
        table.insert(g, pandoc.Link({pandoc.Str(numbers["ex-" .. id])}, "#ex-" .. id))
        sep = " and "
      end
      table.insert(g, pandoc.Str(" pass"))
    end
    table.insert(g, pandoc.Str("."))
    body:insert(pandoc.Para(g))
  end
  if answer and edition == "teacher" then
    local a = with_lead(pandoc.List(answer.content), {pandoc.Strong(pandoc.Str("Answer.")), pandoc.Space()})
    if FORMAT:match("latex") then
      body:insert(latex("\\begin{quote}\\small"))
      body:extend(a)
      body:insert(latex("\\end{quote}"))
    else
      body:insert(pandoc.Div(a, pandoc.Attr("", {"answer"})))
    end
  elseif not answer then
    io.stderr:write("book.lua: exercise " .. div.identifier .. " has no answer\n")
    os.exit(1)
  end
  if FORMAT:match("latex") then
    body:insert(1, latex("\\hypertarget{" .. div.identifier .. "}{}"))
    return pandoc.Div(body)
  end
  return pandoc.Div(body, pandoc.Attr(div.identifier, {"exercise", kind}))
end

-- The edition's name under the title
local EDITIONS = { teacher = "Teacher's edition, with answers",
                   student = "Student edition: the Implement exercises are stubs" }

-- A panel followed by the model chunk that stands for it is paired, so a
-- wide screen can show them side by side.  Appendix headers get letters.
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

function Pandoc(doc)
  local out = {}
  local edition = doc.meta.edition and pandoc.utils.stringify(doc.meta.edition) or "default"
  if EDITIONS[edition] then doc.meta.date = EDITIONS[edition] end

  -- number the exercises: chapter.k
  local numbers, withheld, nchap, k = {}, {}, 0, 0
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 and not has(b, "unnumbered") then
      nchap, k = nchap + 1, 0
    elseif b.t == "Div" and has(b, "appendix-start") then
      break
    elseif b.t == "Div" and has(b, "exercise") then
      k = k + 1
      if numbers[b.identifier] then
        io.stderr:write("book.lua: two exercises are called " .. b.identifier .. "\n")
        os.exit(1)
      end
      numbers[b.identifier] = nchap .. "." .. k
      -- the student edition withholds the 5.10 text an Implement exercise asks for
      for fn in (b.attributes.kernel or ""):gmatch("%S+") do
        if edition == "student" then withheld[fn] = numbers[b.identifier] end
      end
    end
  end
  -- the numbers pandoc will give the headers: 4, 4.2, 4.2.1; appendices A, A.1
  local headers, appendix, c, n = {}, false, {0, 0, 0}, 0
  for _, b in ipairs(doc.blocks) do
    if b.t == "Div" and has(b, "appendix-start") then
      appendix, n = true, 0
    elseif b.t == "Header" and b.level <= 3 and not has(b, "unnumbered") then
      if b.level == 1 then n = n + 1 end
      c[b.level] = c[b.level] + 1
      for l = b.level + 1, 3 do c[l] = 0 end
      local parts = {appendix and alphabet:sub(n, n) or tostring(n)}
      for l = 2, b.level do table.insert(parts, tostring(c[l])) end
      if b.level == 1 then c[1] = n end
      headers[b.identifier] = { level = b.level, appendix = appendix,
                                number = table.concat(parts, ".") }
    end
  end
  -- [](#ex-ID) becomes "exercise N.k"; [](#sec-ID) "section N.M",
  -- "chapter N" or "appendix X"
  doc = doc:walk({ Link = function(l)
    local id = l.target:match("^#(.+)$")
    if not id or #l.content > 0 then return l end
    if id:match("^ex%-") then
      if not numbers[id] then
        io.stderr:write("book.lua: link to unknown exercise " .. id .. "\n")
        os.exit(1)
      end
      l.content = {pandoc.Str("exercise " .. numbers[id])}
    elseif headers[id] then
      local h = headers[id]
      local word = h.level > 1 and "section" or (h.appendix and "appendix" or "chapter")
      l.content = {pandoc.Str(word .. " " .. h.number)}
    else
      io.stderr:write("book.lua: empty link to unknown " .. id .. "\n")
      os.exit(1)
    end
    return l
  end })
  local blocks = doc.blocks
  local in_appendix, chap, sec, subsec = false, 0, 0, 0
  local i = 1
  while i <= #blocks do
    local b = blocks[i]
    if b.t == "Div" and has(b, "kernel-source") and withheld[b.attributes.fn] then
      b.content[2] = pandoc.Para(pandoc.Emph(pandoc.Str(
        "Withheld in the student edition: this function is exercise "
        .. withheld[b.attributes.fn] .. ".")))
    end
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
        b = pandoc.Div(parts, pandoc.Attr("", {"kernel-source"}, b.attributes))
      end
    end
    if b.t == "Div" and has(b, "exercise") then
      table.insert(out, exercise(b, numbers[b.identifier], numbers, edition))
    elseif b.t == "Div" and has(b, "appendix-start") then
      in_appendix = true
      if FORMAT:match("latex") then
        table.insert(out, pandoc.RawBlock("latex", "\\appendix"))
      end
    elseif b.t == "Div" and has(b, "kernel-source") and blocks[i + 1]
        and blocks[i + 1].t == "Div" and has(blocks[i + 1], "nwchunk") then
      table.insert(out, pandoc.Div({b, blocks[i + 1]}, pandoc.Attr("", {"pair"})))
      i = i + 1
    else
      if in_appendix and b.t == "Header" and not FORMAT:match("latex")
          and not has(b, "unnumbered") then
        if b.level == 1 then
          chap, sec = chap + 1, 0
          b.attributes.number = alphabet:sub(chap, chap)
        elseif b.level == 2 then
          sec, subsec = sec + 1, 0
          b.attributes.number = alphabet:sub(chap, chap) .. "." .. sec
        elseif b.level == 3 then
          subsec = subsec + 1
          b.attributes.number = alphabet:sub(chap, chap) .. "." .. sec .. "." .. subsec
        end
      end
      table.insert(out, b)
    end
    i = i + 1
  end
  doc.blocks = out
  return doc
end

return {{Image = Image, Div = Div, Span = Span}, {Pandoc = Pandoc}}
