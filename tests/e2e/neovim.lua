-- Driven by tests/neovim.rs: neovim's built-in LSP client (0.7 API:
-- start_client + buf_attach_client) opens a corosync.conf, starts
-- `corolint server`, collects the diagnostics it received, formats the
-- buffer and writes what it saw as JSON to $COROLINT_OUT.
local bin = os.getenv('COROLINT_BIN')
local conf = os.getenv('COROLINT_CONF')
local out = os.getenv('COROLINT_OUT')

local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local function collect(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, code = d.code, source = d.source,
    })
  end
  return found
end

-- The filetype rule the README documents, and the client started for it.
vim.cmd([[autocmd BufRead,BufNewFile corosync.conf,*/corosync/*.conf setfiletype corosync]])
local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'corosync',
  callback = function(args)
    client_id = client_id or vim.lsp.start_client({
      name = 'corolint',
      cmd = { bin, 'server' },
      root_dir = vim.fn.fnamemodify(conf, ':h'),
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

vim.cmd('edit ' .. vim.fn.fnameescape(conf))
local bufnr = vim.api.nvim_get_current_buf()
local result = { filetype = vim.bo.filetype }
result.got_diagnostics = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
result.diagnostics = collect(bufnr)

vim.lsp.buf.formatting_sync(nil, 60000)
result.formatted = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
-- The server lints the formatted text: `not-formatted` goes away.
result.relinted = vim.wait(60000, function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'not-formatted' then return false end
  end
  return true
end, 20)
result.after = collect(bufnr)
finish(result)
