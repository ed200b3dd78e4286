;;; ownvoice.el --- ownvoice in Emacs through eglot (built into Emacs 29 and later).
;;
;; Load this from your init file, with `ownvoice' on your PATH, then M-x eglot in a
;; Markdown, LaTeX or text buffer (or let eglot-ensure start it, below).
;; C-h . shows the lesson of the flagged words at point; M-x eglot-code-actions lists
;; explain, add to my dictionary and turn a rule off.  None of them edits your text.

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode text-mode latex-mode LaTeX-mode)
                 . ("ownvoice" "lsp")))
  ;; Answered to the server's workspace/configuration request (section "ownvoice").
  (setq-default eglot-workspace-configuration
                '(:ownvoice (:hints "lesson"
                             :severity "information"
                             :checkOn "change"
                             :pauseMs 250))))

;; Start ownvoice by itself in these modes.
(dolist (hook '(markdown-mode-hook text-mode-hook latex-mode-hook))
  (add-hook hook #'eglot-ensure))

(provide 'ownvoice)
;;; ownvoice.el ends here
