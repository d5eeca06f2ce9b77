"""The UI runtime: binds droidscript scripts to an app doc and a device (recognition, grounding,
auto-navigation, lists, privilege policy, trace).

    run_on_device(script, doc, device, *, policy=None, confirm=None, budgets=None, trace_path=None,
                  auto_yes=False, limits=None, app=None) -> RunReport
"""

from autodroid.runtime.host import ConfirmRequest, DeviceAction, Limits, RuntimeHost
from autodroid.runtime.policy import Policy, load_default_policy, load_policy, parse_policy, policy_for_option
from autodroid.runtime.run import RunReport, run_on_device

__all__ = ["ConfirmRequest", "DeviceAction", "Limits", "Policy", "RunReport", "RuntimeHost", "load_default_policy",
           "load_policy", "parse_policy", "policy_for_option", "run_on_device"]
