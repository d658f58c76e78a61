package io.sessiongrid.node.cluster;

import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.config.Discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Live members this member was told about but could not join: addresses the discovery service lists,
 * other than this host's own, that accept connections on the member port while this member is alone.
 * That is a member of another cluster — another cluster name, member port or partition count, or an
 * incompatible Hazelcast version — so a pod started with such a change must not turn ready and let a
 * rolling update move every pod into a second cluster. An address where nothing listens is a pod
 * still starting or gone, which must not keep a genuinely first member from serving.
 * Only Kubernetes discovery asks: its Service lists running pods, while a TCP/IP list names members
 * that may simply not have started yet.
 */
final class UnjoinedMembers {

    private static final int CONNECT_TIMEOUT_MILLIS = 300;

    private final ClusterSettings settings;

    UnjoinedMembers(ClusterSettings settings) {
        this.settings = settings;
    }

    /**
     * host:port of listed live members this member is not clustered with; empty when it has peers or
     * nothing else lives. {@code self} is this member's own address (it need not be an interface's).
     */
    List<String> find(int clusterSize, InetAddress self) {
        if (settings.discovery() != Discovery.KUBERNETES || clusterSize > 1) {
            return List.of();
        }
        List<String> unjoined = new ArrayList<>();
        Set<InetAddress> own = ownAddresses();
        own.add(self);
        for (InetAddress address : lookup(settings.kubernetesServiceDns())) {
            if (!own.contains(address) && listening(address, settings.port())) {
                unjoined.add(address.getHostAddress() + ":" + settings.port());
            }
        }
        return unjoined;
    }

    private static List<InetAddress> lookup(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // Without the interface list every listed address counts as another member: safe, not ready.
        }
        return own;
    }

    private static boolean listening(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
