"""The TCRC unit planner, a pure core: no Django, plain dataclasses in and out.

``instance`` states the input contract (the unit, cohorts, precedences, weights);
``cpsat.plan_cpsat`` is the exact planner, ``greedy.plan_greedy`` the first-come,
first-served baseline, ``validator.validate`` the independent check every saved plan passes,
``quote.quote`` the capacity quote, ``generator.generate`` seeded benchmark instances.
"""
