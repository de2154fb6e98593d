# expect: fail
# counterexample: RecursionError
"""micrograd's recursive build_topo: right on small graphs, too deep for a 10^5 chain."""


def topological_order(root):
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)

    visit(root)
    return order
