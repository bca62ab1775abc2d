#!/usr/bin/env python3
"""Fetch a chain snapshot for dtao.

    python3 scripts/fetch-snapshot.py --network finney [--block N] --out snapshot.json

Calls the chain's runtime API `SubnetInfoRuntimeApi.get_all_dynamic_info` (and
`SwapRuntimeApi.current_alpha_price_all`, `Balances.TotalIssuance`, and per subnet the storage
items `FirstEmissionBlockNumber`, `SubnetEmissionEnabled`, `SwapBalancer` and
`SubnetProtocolAlpha`) through the bittensor SDK (10.x, `pip install "bittensor<11"`) at one
block, and writes the answer as JSON in the shape `dtao` reads as the runtime-API snapshot
format (Scenarios/README.md): integers in rao, the moving price as I96F32 bits, nothing
through a float.

It needs chain access, so it cannot run in CI; the conversion (`to_snapshot`, `plain`) needs
neither the SDK nor the network and is tested on fixture data by scripts/test_fetch_snapshot.py.
"""

import argparse
import json
import sys

FORMAT = "subtensor-dynamic-info"

# The fields of `DynamicInfo` in subtensor's `rpc_info/dynamic_info.rs` (14bc6f9f9), decoded.
DYNAMIC_INFO_FIELDS = [
    "netuid", "owner_hotkey", "owner_coldkey", "subnet_name", "token_symbol", "tempo", "last_step",
    "blocks_since_last_step", "emission", "alpha_in", "alpha_out", "tao_in", "alpha_out_emission",
    "alpha_in_emission", "tao_in_emission", "pending_alpha_emission", "pending_root_emission",
    "subnet_volume", "network_registered_at", "subnet_identity", "moving_price",
]


def plain(value):
    """A decoded SCALE value as plain JSON types: integers stay integers (never floats), bytes
    become lists of byte values, an AccountId (32 bytes, or a tuple holding them) becomes
    0x-hex unless the SDK's ss58 encoder is available, objects with `.value` are unwrapped."""
    value = getattr(value, "value", value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        raise ValueError(f"a float ({value}) in the runtime answer: amounts must stay integers")
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    raise ValueError(f"cannot write a {type(value).__name__} as JSON")


def account_id(value):
    """An AccountId32 as decoded (a str, 32 byte values, or a 1-tuple holding them) as text."""
    value = getattr(value, "value", value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and len(value) == 1 and isinstance(value[0], (list, tuple, bytes)):
        value = value[0]
    raw = bytes(value)
    try:
        from bittensor.utils import decode_account_id  # type: ignore

        return decode_account_id(raw)
    except Exception:  # the SDK is optional here: hex is exact too
        return "0x" + raw.hex()


def moving_price_bits(value):
    """The I96F32 moving price as its raw bits: {"bits": n}, or n."""
    value = plain(value)
    if isinstance(value, dict):
        return {"bits": int(value["bits"])}
    if isinstance(value, int):
        return {"bits": value}
    raise ValueError(f"moving_price {value!r} is not I96F32 bits")


def to_snapshot(dynamic_info, prices=None, block=None, block_hash=None, total_issuance=None, extras=None):
    """The snapshot dtao reads, from the decoded runtime-API answers.

    dynamic_info: get_all_dynamic_info, decoded (a list of entries or None);
    prices: current_alpha_price_all, decoded ([{netuid, price}], price in rao per alpha);
    extras: {netuid: {"first_emission_block": n or None, "subnet_emission_enabled": bool,
             "quote_weight": parts of 1e18, "protocol_alpha": rao}} from storage.
    """
    extras = extras or {}
    entries = []
    items = dynamic_info if isinstance(dynamic_info, list) else plain(dynamic_info)
    for entry in items:
        if entry is None:
            entries.append(None)
            continue
        entry = getattr(entry, "value", entry)
        out = {}
        for field in DYNAMIC_INFO_FIELDS:
            if field not in entry:
                continue
            if field in ("owner_hotkey", "owner_coldkey"):
                out[field] = account_id(entry[field])
            elif field == "moving_price":
                out[field] = moving_price_bits(entry[field])
            else:
                out[field] = plain(entry[field])
        netuid = int(out["netuid"])
        for key, item in sorted((extras.get(netuid) or {}).items()):
            out[key] = plain(item)
        entries.append(out)
    snapshot = {"format": FORMAT, "dynamic_info": entries}
    if block is not None:
        snapshot["block"] = int(block)
    if block_hash is not None:
        snapshot["block_hash"] = str(block_hash)
    if total_issuance is not None:
        snapshot["total_issuance"] = int(plain(total_issuance))
    if prices is not None:
        snapshot["prices"] = [{"netuid": int(p["netuid"]), "price": int(plain(p["price"]))} for p in plain(prices)]
    return snapshot


def write_snapshot(snapshot, path):
    """Writes the snapshot as sorted, indented JSON."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(snapshot, handle, indent=2, sort_keys=True)
        handle.write("\n")


def fetch(network, block=None):
    """The snapshot at `block` (the chain head when None); needs the bittensor SDK and chain access."""
    import bittensor  # type: ignore

    subtensor = bittensor.Subtensor(network=network)
    substrate = subtensor.substrate
    if block is None:
        block = subtensor.get_current_block()
    block_hash = substrate.get_block_hash(block)
    info = plain(substrate.runtime_call("SubnetInfoRuntimeApi", "get_all_dynamic_info", block_hash=block_hash))
    prices = substrate.runtime_call("SwapRuntimeApi", "current_alpha_price_all", block_hash=block_hash)
    issuance = substrate.query("Balances", "TotalIssuance", block_hash=block_hash)
    extras = {}
    for entry in info:
        if entry is None:
            continue
        netuid = int(entry["netuid"])
        if netuid == 0:
            continue
        first = plain(substrate.query("SubtensorModule", "FirstEmissionBlockNumber", [netuid], block_hash=block_hash))
        balancer = plain(substrate.query("Swap", "SwapBalancer", [netuid], block_hash=block_hash))
        extras[netuid] = {
            "first_emission_block": first,
            "subnet_emission_enabled": plain(substrate.query("SubtensorModule", "SubnetEmissionEnabled", [netuid], block_hash=block_hash)),
            "quote_weight": balancer.get("quote") if isinstance(balancer, dict) else None,
            "protocol_alpha": plain(substrate.query("SubtensorModule", "SubnetProtocolAlpha", [netuid], block_hash=block_hash)),
        }
    return to_snapshot(info, prices=prices, block=block, block_hash=block_hash, total_issuance=issuance, extras=extras)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fetch a chain snapshot for dtao (needs the bittensor SDK and chain access).")
    parser.add_argument("--network", default="finney", help="the chain to ask (default: finney)")
    parser.add_argument("--block", type=int, help="the block (default: the chain head)")
    parser.add_argument("--out", required=True, help="the JSON file to write")
    arguments = parser.parse_args(argv)
    try:
        snapshot = fetch(arguments.network, arguments.block)
    except ImportError:
        print("fetch-snapshot: the bittensor SDK is not installed (pip install 'bittensor<11')", file=sys.stderr)
        return 2
    write_snapshot(snapshot, arguments.out)
    print(f"wrote {arguments.out}: {sum(1 for e in snapshot['dynamic_info'] if e)} subnets at block {snapshot.get('block')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
