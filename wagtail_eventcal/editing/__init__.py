"""What an editor of an event works with in the admin.

Owns: the event's edit form (``forms``: checks across the inline formsets,
refusal of ineligible submissions) and the rich-text widget (``rich_text``).
The page models declare the form, so ``models`` imports this package; it may
import ``delegation`` and ``workflow`` (it enforces their rules on save).
"""
