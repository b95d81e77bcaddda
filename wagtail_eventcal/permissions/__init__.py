"""The two permission layers that let a proxy edit its one delegated event
(see DESIGN.md): a page permission tester and a page permission policy, plus
the authentication backend that opens the admin to an active proxy."""
