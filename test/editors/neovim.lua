-- Drives Neovim 0.7's built-in client against the Migration Lens server (see neovim.test.ts).
-- Everything it sees goes to the JSON file $ML_RESULTS; "fixed" on stdout tells the test to go on.
local results = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, vim.env.ML_RESULTS)
  vim.cmd("qall!")
end

local function lsp_code(d)
  return (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code
end

-- The codes published for every file (Neovim keeps a buffer per published file), sorted.
local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    table.insert(found, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(d.bufnr), ":t") .. " " .. lsp_code(d))
  end
  table.sort(found)
  return found
end

local function has(code)
  for _, d in ipairs(vim.diagnostic.get()) do
    if lsp_code(d) == code then return true end
  end
  return false
end

-- Waits for the condition as Neovim handles the server's messages; a timeout is recorded, not hidden.
local function wait_for(what, condition)
  if not vim.wait(20000, condition, 20) then
    table.insert(results.errors, "timed out waiting for " .. what .. "; diagnostics: " .. table.concat(codes(), ", "))
    finish()
  end
end

-- Errors the server logs would be in Neovim's LSP log; they are collected here instead.
local default_log = vim.lsp.handlers["window/logMessage"]
vim.lsp.handlers["window/logMessage"] = function(err, result, ctx, config)
  if result.type == vim.lsp.protocol.MessageType.Error then table.insert(results.errors, result.message) end
  return default_log(err, result, ctx, config)
end

-- The README's Neovim 0.7 configuration: one client for the project, attached to Python and SQL buffers.
vim.cmd("filetype on")
local client_id = vim.lsp.start_client({
  name = "migration-lens",
  cmd = { vim.env.ML_NODE, vim.env.ML_SERVER, "--stdio" },
  root_dir = vim.env.ML_PROJECT,
})
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "python", "sql" },
  callback = function(args) vim.lsp.buf_attach_client(args.buf, client_id) end,
})

vim.cmd("edit " .. vim.fn.fnameescape(vim.env.ML_FILE))
wait_for("the first diagnostics", function() return has("multiple-heads") and has("stale-revises-docstring") end)
results.before = codes()

-- The quick fix of the stale docstring, asked for as vim.lsp.buf.code_action() does in 0.7: with the
-- line's diagnostics turned back into LSP ones (range, source, data) as context.
local line
for _, d in ipairs(vim.diagnostic.get(0)) do
  if lsp_code(d) == "stale-revises-docstring" then line = d.lnum end
end
local context = vim.lsp.diagnostic.get_line_diagnostics(0, line)
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = context[1].range,
  context = { diagnostics = context },
}, 10000)
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    if results.applied == nil and action.edit and action.title:match("^Rewrite the docstring") then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      results.applied = action.title
    end
  end
end
results.docstring = vim.api.nvim_buf_get_lines(0, 3, 4, false)[1]
wait_for("the fixed docstring's diagnostic to go", function() return not has("stale-revises-docstring") end)
results.fixed = codes()

-- Another process now merges the heads on disk.
io.stdout:write("fixed\n")
io.stdout:flush()
wait_for("multiple-heads to go after the merge revision", function() return not has("multiple-heads") end)
results.merged = codes()
finish()
