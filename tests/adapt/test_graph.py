from engine.graph import all_skills, ancestors, find_cycle, prerequisite_order, ready_skills

from .conftest import PREREQUISITES


def test_prerequisite_order_puts_prerequisites_first():
    order = prerequisite_order(PREREQUISITES)
    assert sorted(order) == sorted(all_skills(PREREQUISITES))
    for skill, needs in PREREQUISITES.items():
        for need in needs:
            assert order.index(need) < order.index(skill)


def test_ties_keep_the_order_the_graph_names_skills_in():
    """Review 39: alphabetical ties put 乘法 (multiplication) before 20以内的减法 (subtraction within 20) on every screen."""
    taught = {"counting": [], "addition": ["counting"], "subtraction": ["addition"], "multiplication": ["addition"]}
    assert prerequisite_order(taught, ["shapes"]) == ["counting", "addition", "subtraction", "multiplication", "shapes"]
    assert prerequisite_order({"multiplication": ["addition"], "subtraction": ["addition"]}) == ["addition", "multiplication", "subtraction"]


def test_extra_skills_without_links_are_included():
    assert "geometry" in prerequisite_order(PREREQUISITES, ["geometry"])


def test_cycle_terminates_and_returns_each_skill_once():
    cyclic = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["c"]}
    order = prerequisite_order(cyclic)
    assert sorted(order) == ["a", "b", "c", "d"]
    assert ancestors(cyclic, "a") == {"b", "c"}
    cycle = find_cycle(cyclic)
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}
    # On a cycle no skill waits on itself, so at least one skill is ready.
    assert ready_skills(cyclic, set(), ["a", "b", "c", "d"])


def test_self_loop_does_not_block():
    assert ready_skills({"a": ["a"]}, set(), ["a"]) == ["a"]
    assert find_cycle({"a": ["a"]}) == ["a", "a"]


def test_find_cycle_none_on_acyclic():
    assert find_cycle(PREREQUISITES) is None


def test_ready_skills_needs_all_prerequisites():
    assert ready_skills(PREREQUISITES, set(), all_skills(PREREQUISITES)) == ["counting"]
    ready = ready_skills(PREREQUISITES, {"counting", "addition"}, all_skills(PREREQUISITES))
    assert sorted(ready) == ["multiplication", "subtraction"]


def test_long_chain_does_not_recurse():
    chain = {f"s{i}": [f"s{i - 1}"] for i in range(1, 5000)}
    order = prerequisite_order(chain)
    assert order[0] == "s0" and order[-1] == "s4999"
