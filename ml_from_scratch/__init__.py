"""From-scratch machine-learning pieces, checked against the field's libraries."""
