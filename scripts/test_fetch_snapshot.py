#!/usr/bin/env python3
"""Tests of scripts/fetch-snapshot.py's conversion on fixture data (no SDK, no chain needed).

    python3 scripts/test_fetch_snapshot.py

The decoded runtime answer below is shaped as the bittensor SDK 10.x decodes it (AccountIds as
a tuple of 32 byte values, names as byte lists, the moving price as {"bits": n}); its
conversion must equal Tests/Fixtures/Snapshots/runtime-api.json, which the Swift tests import.
"""

import importlib.util
import json
import os
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = importlib.util.spec_from_file_location("fetch_snapshot", os.path.join(ROOT, "scripts", "fetch-snapshot.py"))
fetch_snapshot = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(fetch_snapshot)

FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "Snapshots", "runtime-api.json")
U64_MAX = 2**64 - 1
U128_MAX = 2**128 - 1


def account(byte):
    return (tuple([byte] * 32),)


def entry(netuid, tao, alpha_in, alpha_out, moving_bits, **extra):
    value = {
        "netuid": netuid, "owner_hotkey": account(netuid + 1), "owner_coldkey": account(netuid + 2),
        "subnet_name": list(f"subnet {netuid}".encode()), "token_symbol": list("α".encode()),
        "tempo": 360, "last_step": 8_515_900, "blocks_since_last_step": 100, "emission": 0,
        "alpha_in": alpha_in, "alpha_out": alpha_out, "tao_in": tao, "alpha_out_emission": 1_000_000_000,
        "alpha_in_emission": 120_000_000, "tao_in_emission": 17_000_000, "pending_alpha_emission": 290_000_000_000,
        "pending_root_emission": 0, "subnet_volume": 10**15, "network_registered_at": 1_000_000 + netuid,
        "subnet_identity": None, "moving_price": {"bits": moving_bits},
    }
    value.update(extra)
    return value


def decoded_answer():
    """get_all_dynamic_info as the SDK decodes it: root, four subnets, an empty slot."""
    missing = entry(4, 12_000_000_000_000, 900_000_000_000_000, 1_100_000_000_000_000, 57_982_058)
    for key in ("tempo", "network_registered_at", "subnet_identity"):
        del missing[key]
    return [
        entry(0, 4_500_000_000_000_000, 0, 0, 1 << 32, tempo=0),
        entry(1, 61_917_669_487_435, 440_681_407_745_489, 2_749_991_896_931_270, 603_453_017),
        entry(2, 88_183_163_290_324, 1_109_263_139_367_931, 4_110_158_623_025_112, 341_434_897,
              subnet_volume=U128_MAX, alpha_out_emission=U64_MAX, pending_root_emission=U64_MAX),
        entry(3, 1_250_000_000_000, 416_000_000_000_000, 0, 0, network_registered_at=8_510_000),
        missing,
        None,
    ]


PRICES = [{"netuid": 0, "price": 1_000_000_000}, {"netuid": 1, "price": 140_504_383}, {"netuid": 2, "price": 79_497_064},
          {"netuid": 3, "price": 3_004_807}, {"netuid": 4, "price": 13_333_333}]
EXTRAS = {
    1: {"first_emission_block": 1_000_003, "subnet_emission_enabled": True, "quote_weight": 499_999_999_665_222_731, "protocol_alpha": 16_721_428_909_788},
    2: {"first_emission_block": 1_000_004, "subnet_emission_enabled": True, "quote_weight": None, "protocol_alpha": 0},
    3: {"first_emission_block": None, "subnet_emission_enabled": False, "quote_weight": None, "protocol_alpha": 0},
}


def snapshot():
    return fetch_snapshot.to_snapshot(decoded_answer(), prices=PRICES, block=8_516_000, block_hash="0x" + "ab" * 32,
                                      total_issuance=10_950_000_000_000_000, extras=EXTRAS)


class ConversionTests(unittest.TestCase):
    def test_the_conversion_equals_the_fixture(self):
        with open(FIXTURE, encoding="utf-8") as handle:
            self.assertEqual(snapshot(), json.load(handle))

    def test_integers_stay_integers(self):
        converted = snapshot()
        self.assertEqual(converted["dynamic_info"][2]["subnet_volume"], U128_MAX)
        self.assertEqual(converted["dynamic_info"][1]["moving_price"], {"bits": 603_453_017})
        self.assertIsNone(converted["dynamic_info"][5])
        self.assertTrue(converted["dynamic_info"][1]["owner_hotkey"].startswith(("0x", "5")))

    def test_a_float_is_refused(self):
        with self.assertRaises(ValueError):
            fetch_snapshot.plain({"tao_in": 1.5})


if __name__ == "__main__":
    if os.environ.get("WRITE_FIXTURE") == "1":
        fetch_snapshot.write_snapshot(snapshot(), FIXTURE)
    unittest.main()
