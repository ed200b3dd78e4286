-- ownvoice in Neovim's built-in LSP client (no plugin needed).
--
-- Put this file in ~/.config/nvim/plugin/ownvoice.lua (or `dofile` it from init.lua) and
-- make sure `ownvoice` is on your PATH. It works from Neovim 0.7 on: 0.11 and later use
-- vim.lsp.config/vim.lsp.enable, older versions start the client per buffer.
--
-- Keys (Neovim 0.10+ maps K to hover already):
--   K            the lesson for the flagged words under the cursor
--   <leader>oa   code actions: explain, add to my dictionary, turn a rule off
--   ]d / [d      next / previous issue (vim.diagnostic)

local settings = {
  ownvoice = {
    hints = "lesson", -- or "ladder": each hover shows one more hint
    severity = "information", -- error, warning, information or hint
    checkOn = "change", -- or "save"
    pauseMs = 250, -- how long typing pauses before a check
    reveal = false, -- true shows the engine's suggestions (never applied)
    -- dialect = "gb", enable = {}, disable = {}, words = { "Dmitry" },
  },
}

local filetypes = { "markdown", "text", "tex", "plaintex", "gitcommit", "mail" }
local markers = { ".ownvoice.toml", ".git" }

local function keys(buffer)
  local map = function(lhs, rhs)
    vim.keymap.set("n", lhs, rhs, { buffer = buffer, silent = true })
  end
  map("K", vim.lsp.buf.hover)
  map("<leader>oa", vim.lsp.buf.code_action)
  map("]d", vim.diagnostic.goto_next)
  map("[d", vim.diagnostic.goto_prev)
end

if vim.lsp.config and vim.lsp.enable then
  -- Neovim 0.11 and later.
  vim.lsp.config("ownvoice", {
    cmd = { "ownvoice", "lsp" },
    filetypes = filetypes,
    root_markers = markers,
    settings = settings,
    on_attach = function(_, buffer) keys(buffer) end,
  })
  vim.lsp.enable("ownvoice")
else
  -- Neovim 0.7 to 0.10: one client for every buffer of these file types.
  local client_id
  local function root(buffer)
    local name = vim.api.nvim_buf_get_name(buffer)
    if vim.fs then
      local found = vim.fs.find(markers, { upward = true, path = vim.fs.dirname(name) })[1]
      if found then return vim.fs.dirname(found) end
    end
    return vim.fn.getcwd()
  end
  vim.api.nvim_create_autocmd("FileType", {
    pattern = filetypes,
    callback = function(args)
      if not client_id or not vim.lsp.get_client_by_id(client_id) then
        client_id = vim.lsp.start_client({
          name = "ownvoice",
          cmd = { "ownvoice", "lsp" },
          root_dir = root(args.buf),
          settings = settings,
        })
      end
      vim.lsp.buf_attach_client(args.buf, client_id)
      keys(args.buf)
    end,
  })
end
