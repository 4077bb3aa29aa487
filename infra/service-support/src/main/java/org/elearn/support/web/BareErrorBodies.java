package org.elearn.support.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Map;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;

/**
 * Gives a problem+json body to the errors the HTTP server answers by itself, below Spring, with an
 * empty body: a request line too long (414), headers too large (431) and a request Spring cannot
 * turn into a URI (400). It sits in each connection's pipeline right after the HTTP codec and fills
 * only an empty, untyped response with one of those statuses, so responses Spring wrote pass as they
 * are. Not for the answer to a HEAD request, which must stay without a body.
 */
final class BareErrorBodies extends ChannelDuplexHandler {

    private final Map<Integer, byte[]> bodies;
    private boolean head;

    private BareErrorBodies(Map<Integer, byte[]> bodies) {
        this.bodies = bodies;
    }

    /** Installs the handler on every HTTP/1.1 connection of the embedded Netty server. */
    static NettyServerCustomizer customizer(Map<Integer, byte[]> bodies) {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "problemBodies", new BareErrorBodies(bodies));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            head = HttpMethod.HEAD.equals(request.method());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse response && !head && !response.content().isReadable()
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                && bodies.containsKey(response.status().code())) {
            byte[] body = bodies.get(response.status().code());
            FullHttpResponse filled = response.replace(Unpooled.wrappedBuffer(body));
            response.release();
            filled.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.write(filled, promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
